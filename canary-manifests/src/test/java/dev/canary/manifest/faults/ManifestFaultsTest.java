package dev.canary.manifest.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.testkit.faults.Expect;
import dev.canary.testkit.faults.FaultLedger;
import dev.canary.testkit.faults.FaultReport;
import dev.canary.testkit.faults.Leaks;
import dev.canary.testkit.faults.Outcome;
import dev.canary.testkit.faults.Trial;
import dev.canary.manifest.CanaryManifests;
import dev.canary.manifest.ManifestException;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Manifests that carry credentials in URLs that are rejected: the message names the field, never the secret. */
@ExtendWith(FaultReport.class)
class ManifestFaultsTest {
    static final String PASSWORD = "pw-77e1c2";
    static final String TOKEN = "tk-31d9aa";

    static String canary(String url) {
        return """
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata: {name: podinfo, namespace: test}
                spec:
                  provider: traefik
                  targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
                  service: {port: 80}
                  analysis:
                    interval: 30s
                    stepWeight: 10
                    webhooks:
                      - {name: gate, type: pre-rollout, url: "%s"}
                """.formatted(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://admin:" + PASSWORD + "@hooks.test/x?token=" + TOKEN,
        "http://admin:" + PASSWORD + "@hooks test/x?token=" + TOKEN,
        "http://admin:" + PASSWORD + "@/x?token=" + TOKEN})
    void aRejectedUrlShowsNoCredential(String url) {
        try (Leaks leaks = new Leaks(List.of(PASSWORD, TOKEN))) {
            String message;
            try {
                CanaryManifests.load(canary(url));
                message = "accepted";
            } catch (ManifestException e) {
                message = e.getMessage();
            }
            String shape = url.contains("ftp:") ? "wrong scheme" : url.contains(" ") ? "not a URL" : "no host";
            Trial trial = FaultLedger.record(new Trial("secrets", "rejected webhook URL in a manifest (" + shape + ")",
                    "-", Expect.NO_RUN, Outcome.leaks(leaks.in(List.of(message)) + leaks.inLog(), message)));
            assertThat(trial.asExpected()).as("%s", trial).isTrue();
            assertThat(message).contains("spec.analysis.webhooks[0].url");
        }
    }
}
