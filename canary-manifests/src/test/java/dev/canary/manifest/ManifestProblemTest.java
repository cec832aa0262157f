package dev.canary.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ManifestProblemTest {
    @Test
    void printsDocumentPathPositionAndMessage() {
        assertThat(new ManifestProblem(2, "spec.analysis.stepWeight", 14, 17, "must be between 0 and 100"))
                .hasToString("document 2, spec.analysis.stepWeight (line 14, column 17): must be between 0 and 100");
    }

    @Test
    void leavesOutWhatIsNotKnown() {
        assertThat(new ManifestProblem(0, "", 0, 0, "the input is empty")).hasToString("the input is empty");
        assertThat(new ManifestProblem(1, "", 3, 1, "not valid YAML")).hasToString("document 1 (line 3, column 1): "
                + "not valid YAML");
        assertThat(new ManifestProblem(0, "spec.provider", 0, 0, "x")).hasToString("spec.provider: x");
    }
}
