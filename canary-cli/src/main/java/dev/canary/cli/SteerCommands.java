package dev.canary.cli;

import dev.canary.ProviderException;
import dev.canary.kubernetes.KubernetesStateStore;
import dev.canary.spec.HookType;
import dev.canary.spi.RemoteCommand;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code abort}, {@code promote}, {@code approve} and {@code deny}: commands for a run kept in the Kubernetes state
 * store, written as annotations on its ConfigMap; the process that owns the run applies them at its next tick.
 * Exit 0 when written, 1 when no run is stored.
 */
final class SteerCommands {
    private SteerCommands() {
    }

    /** What every steering command shares: the canary, the cluster, and how to write the command. */
    abstract static class Base implements Callable<Integer> {
        private final Environment environment;

        @Parameters(index = "0", paramLabel = "NAMESPACE/NAME", description = "The canary.")
        String key = "";

        @Mixin
        KubeOptions kube = new KubeOptions();

        Base(Environment environment) {
            this.environment = environment;
        }

        abstract RemoteCommand command();

        @Override
        public Integer call() {
            RemoteCommand command = command();
            try (KubernetesClient client = kube.client()) {
                new KubernetesStateStore(client, kube.prefix).give(key, command);
            } catch (ProviderException e) {
                environment.err().println("error: " + e.getMessage());
                return CanaryCli.FAILED;
            }
            environment.out().println(command.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + (command.gate() != null ? " " + command.gate().wireName() : "") + " given to " + key
                    + ": the process running it applies it at its next tick");
            return CanaryCli.OK;
        }
    }

    @Command(name = "abort", mixinStandardHelpOptions = true, description = "Roll a stored run back at its next "
            + "tick.")
    static final class Abort extends Base {
        @Option(names = "--reason", description = "Why; recorded with the run.")
        String reason = "";

        Abort(Environment environment) {
            super(environment);
        }

        @Override
        RemoteCommand command() {
            return new RemoteCommand(RemoteCommand.Kind.ABORT, null, reason);
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true, description = "Promote a stored run at its next "
            + "tick, skipping the rest of its analysis.")
    static final class Promote extends Base {
        @Option(names = "--reason", description = "Why; recorded with the run.")
        String reason = "";

        Promote(Environment environment) {
            super(environment);
        }

        @Override
        RemoteCommand command() {
            return new RemoteCommand(RemoteCommand.Kind.PROMOTE, null, reason);
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve the manual gates of a "
            + "type (such as confirm-promotion) of a stored run.")
    static final class Approve extends Base {
        @Option(names = "--gate", required = true, paramLabel = "HOOK-TYPE", description = "confirm-rollout, "
                + "confirm-traffic-increase, confirm-promotion, ...")
        String gate = "";

        Approve(Environment environment) {
            super(environment);
        }

        @Override
        RemoteCommand command() {
            return new RemoteCommand(RemoteCommand.Kind.APPROVE, HookType.fromWireName(gate), "");
        }
    }

    @Command(name = "deny", mixinStandardHelpOptions = true, description = "Deny the manual gates of a type of a "
            + "stored run (a rollback for confirm gates).")
    static final class Deny extends Base {
        @Option(names = "--gate", required = true, paramLabel = "HOOK-TYPE", description = "confirm-rollout, "
                + "confirm-traffic-increase, confirm-promotion, ...")
        String gate = "";

        @Option(names = "--reason", description = "Why; recorded with the run.")
        @Nullable String reason;

        Deny(Environment environment) {
            super(environment);
        }

        @Override
        RemoteCommand command() {
            return new RemoteCommand(RemoteCommand.Kind.DENY, HookType.fromWireName(gate), reason == null ? ""
                    : reason);
        }
    }
}
