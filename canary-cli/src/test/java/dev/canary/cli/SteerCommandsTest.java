package dev.canary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.engine.RunState;
import dev.canary.internal.StateCodec;
import dev.canary.kubernetes.KubernetesStateStore;
import dev.canary.spec.Phase;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** status, abort, promote, approve and deny against runs in the Kubernetes state store (fabric8 mock server). */
@EnableKubernetesMockClient(crud = true, https = false)
class SteerCommandsTest {
    KubernetesMockServer server;
    KubernetesClient client;

    private final Cli cli = new Cli();

    @BeforeEach
    void storeARun() {
        RunState state = RunState.initial().toBuilder().phase(Phase.WAITING_PROMOTION).canaryWeight(50)
                .failedChecks(1).lastAppliedRevision("v2").lastPromotedRevision("v1").build();
        new KubernetesStateStore(client).save("demo/podinfo", StateCodec.stored(state));
    }

    private Map<String, String> annotations() {
        return client.configMaps().inNamespace("demo").withName("canary-state-podinfo").get().getMetadata()
                .getAnnotations();
    }

    private String server() {
        return client.getMasterUrl().toString();
    }

    @Test
    void statusShowsTheStoredRun() {
        int exit = cli.execute("status", "demo/podinfo", "--server", server());

        assertThat(exit).as(cli.err()).isZero();
        assertThat(cli.out()).contains("Phase:         WaitingPromotion").contains("Canary weight: 50")
                .contains("Failed checks: 1").contains("Revision:      v2 (primary v1)");
    }

    @Test
    void abortAndPromoteAreWrittenAsAnnotationsForTheOwningProcess() {
        assertThat(cli.execute("abort", "demo/podinfo", "--server", server(), "--reason", "bad release")).isZero();
        assertThat(new Cli().execute("promote", "demo/podinfo", "--server", server())).isZero();

        assertThat(annotations()).containsEntry("canary.dev/abort", "bad release")
                .containsEntry("canary.dev/promote", "");
        assertThat(cli.out()).contains("abort given to demo/podinfo: the process running it applies it at its "
                + "next tick");
    }

    @Test
    void approveAndDenyNameTheGateType() {
        assertThat(cli.execute("approve", "demo/podinfo", "--server", server(), "--gate", "confirm-promotion"))
                .as(cli.err()).isZero();
        assertThat(new Cli().execute("deny", "demo/podinfo", "--server", server(), "--gate",
                "confirm-traffic-increase", "--reason", "freeze")).isZero();

        assertThat(annotations()).containsEntry("canary.dev/approve", "confirm-promotion")
                .containsEntry("canary.dev/deny", "confirm-traffic-increase: freeze");
    }

    @Test
    void aRunThatIsNotStoredIsReported() {
        int exit = cli.execute("abort", "demo/other", "--server", server());

        assertThat(exit).isEqualTo(CanaryCli.FAILED);
        assertThat(cli.err()).contains("no run of demo/other is stored");
    }
}
