package dev.canary.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.ObjectRef;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertProviderResourceTest {
    private final AlertProviderResource slack = new AlertProviderResource("on-call", "flagger", "slack", "releases",
            "canary", "https://hooks.slack.com/services/T000/B000/s3cr3t", "http://proxy:3128", null);

    @Test
    void neverPrintsTheWebhookAddressOrTheProxy() {
        assertThat(slack.toString()).doesNotContain("s3cr3t").doesNotContain("proxy:3128")
                .isEqualTo("AlertProviderResource[flagger/on-call, type=slack, channel=releases, username=canary, "
                        + "address=***, proxy=***, secretRef=none]");
    }

    @Test
    void givesSettingsForTheAlertSender() {
        assertThat(slack.settings()).containsExactlyInAnyOrderEntriesOf(Map.of("type", "slack", "channel", "releases",
                "username", "canary", "address", "https://hooks.slack.com/services/T000/B000/s3cr3t",
                "proxy", "http://proxy:3128"));
        assertThat(slack.ref()).isEqualTo(new ObjectRef("on-call", "flagger"));
    }

    @Test
    void rejectsAnAddressThatIsNotAUrlWithoutPrintingIt() {
        String yaml = """
                apiVersion: flagger.app/v1beta1
                kind: AlertProvider
                metadata: {name: slack}
                spec: {type: slack, address: "hooks.slack.com/s3cr3t"}
                """;

        ManifestProblem problem = Fixtures.problem(() -> CanaryManifests.load(yaml));

        assertThat(problem.path()).isEqualTo("spec.address");
        assertThat(problem.message()).isEqualTo("must be an http or https URL").doesNotContain("s3cr3t");
    }
}
