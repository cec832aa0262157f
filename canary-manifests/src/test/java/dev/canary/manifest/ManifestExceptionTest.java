package dev.canary.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.CanaryException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestExceptionTest {
    private final ManifestProblem first = new ManifestProblem(1, "spec.targetRef", 6, 3, "is required");
    private final ManifestProblem second = new ManifestProblem(2, "kind", 2, 1, "unknown kind 'Canry'");

    @Test
    void isACanaryExceptionNamingTheSourceAndTheOnlyProblem() {
        ManifestException e = new ManifestException("canary.yaml", List.of(first));

        assertThat(e).isInstanceOf(CanaryException.class)
                .hasMessage("canary.yaml: document 1, spec.targetRef (line 6, column 3): is required");
        assertThat(e.source()).isEqualTo("canary.yaml");
    }

    @Test
    void listsSeveralProblemsOnePerLine() {
        ManifestException e = new ManifestException("<string>", List.of(first, second));

        assertThat(e).hasMessage("<string>: 2 problems:\n  - document 1, spec.targetRef (line 6, column 3): is "
                + "required\n  - document 2, kind (line 2, column 1): unknown kind 'Canry'");
        assertThat(e.problems()).containsExactly(first, second);
    }
}
