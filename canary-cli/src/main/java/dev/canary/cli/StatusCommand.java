package dev.canary.cli;

import dev.canary.engine.RunState;
import dev.canary.internal.StateCodec;
import dev.canary.kubernetes.KubernetesStateStore;
import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.DecisionRecord;
import dev.canary.spi.StoredRun;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code canary status NAMESPACE/NAME}: the run as the Kubernetes state store keeps it: phase, weight, failed
 * checks, each check's latest value and the last decisions. Exit 0 when found, 1 when no run is stored.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show a run kept in the Kubernetes state store (by any process).")
final class StatusCommand implements Callable<Integer> {
    private static final int DECISIONS = 5;
    private final Environment environment;

    @Parameters(index = "0", paramLabel = "NAMESPACE/NAME", description = "The canary.")
    private String key = "";

    @Mixin
    private KubeOptions kube = new KubeOptions();

    StatusCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        try (KubernetesClient client = kube.client()) {
            Optional<StoredRun> stored = new KubernetesStateStore(client, kube.prefix).load(key);
            if (stored.isEmpty()) {
                environment.err().println("no run of " + key + " is stored");
                return CanaryCli.FAILED;
            }
            print(StateCodec.decode(stored.get().document()), environment.out());
            return CanaryCli.OK;
        }
    }

    private void print(RunState state, PrintStream out) {
        out.println("Canary:        " + key);
        out.println("Phase:         " + state.phase().displayName()
                + (state.rollbackReason() != null ? " (rolling back: " + state.rollbackReason() + ")" : ""));
        out.println("Canary weight: " + state.canaryWeight() + (state.mirrored() ? " (mirrored)" : ""));
        out.println("Failed checks: " + state.failedChecks());
        out.println("Revision:      " + (state.lastAppliedRevision() == null ? "-" : state.lastAppliedRevision())
                + " (primary " + (state.lastPromotedRevision() == null ? "-" : state.lastPromotedRevision()) + ")");
        if (!state.lastChecks().isEmpty()) {
            out.println("Checks:");
            for (CheckEvaluation c : state.lastChecks().values()) {
                out.println("  " + c.name() + ": " + LiveTable.value(c) + "  " + c.verdict() + " " + c.detail());
            }
        }
        if (!state.history().isEmpty()) {
            out.println("Last decisions:");
            int from = Math.max(0, state.history().size() - DECISIONS);
            for (DecisionRecord r : state.history().subList(from, state.history().size())) {
                out.println("  " + r.at() + "  tick " + r.tick() + "  " + r.summary());
            }
        }
    }
}
