package dev.canary.internal;

import dev.canary.engine.Action;
import dev.canary.engine.RunState;
import dev.canary.spec.CanarySpec;
import java.time.Instant;
import dev.canary.spec.Routes;
import dev.canary.spi.TrafficRouter;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Applies the actions of a decision to the router, the target and the hooks, one after the other, each a call
 * bounded by the deadline given.
 */
final class Actuator {
    private final RunContext context;
    private final Calls calls;

    private final boolean asyncRoutes;
    private final BooleanSupplier leaseHeld;

    /** {@code leaseHeld} is asked before each action: once it is false, no further action of the chain is applied. */
    Actuator(RunContext context, Calls calls, BooleanSupplier leaseHeld) {
        this.context = context;
        this.calls = calls;
        this.leaseHeld = leaseHeld;
        this.asyncRoutes = Overrides.overrides(context.router(), TrafficRouter.class, "setRoutesAsync",
                CanarySpec.class, Routes.class, Executor.class);
    }

    /**
     * Applies every action in order, each only while the lease is held; the first failure (or a lease lost, as a
     * {@link LeaseLostException}) stops the chain and fails the future (the runner re-applies
     * the pending actions, which are idempotent, at the next tick). Post-rollout hooks are skipped when
     * {@code replay} is true.
     */
    CompletableFuture<Void> apply(List<Action> actions, RunState state, boolean replay, Instant deadline) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Action action : actions) {
            if (action instanceof Action.RunHooks && replay) {
                continue;
            }
            // a process that lost the lease in the middle of the actions stops after the one under way
            chain = chain.thenCompose(ignored -> leaseHeld.getAsBoolean()
                    ? CompletableFuture.<Void>completedFuture(null)
                    : CompletableFuture.failedFuture(new LeaseLostException(context.spec().key(), name(action))));
            if (action instanceof Action.SetRoutes set && asyncRoutes) {
                chain = chain.thenCompose(ignored -> calls.async(name(action), deadline,
                        () -> context.router().setRoutesAsync(context.spec(), set.routes(), calls.blocking())));
                continue;
            }
            chain = chain.thenCompose(ignored -> calls.blocking(name(action), deadline, () -> {
                applyOne(action, state);
                return null;
            }));
        }
        return chain;
    }

    /** Reconciles the routing objects (creating them when missing, keeping the weights). */
    CompletableFuture<Void> reconcile(Instant deadline) {
        return calls.blocking("router reconcile", deadline, () -> {
            context.router().reconcile(context.spec());
            return null;
        });
    }

    private void applyOne(Action action, RunState state) {
        CanarySpec spec = context.spec();
        if (action instanceof Action.Initialize) {
            context.target().initialize(spec);
            context.router().reconcile(spec);
        } else if (action instanceof Action.SetRoutes set) {
            context.router().setRoutes(spec, set.routes());
        } else if (action instanceof Action.ScaleCanaryUp) {
            context.target().scaleCanaryUp(spec);
        } else if (action instanceof Action.ScaleCanaryDown) {
            context.target().scaleCanaryDown(spec);
        } else if (action instanceof Action.Promote) {
            context.target().promote(spec);
        } else if (action instanceof Action.RunHooks hooks) {
            context.hooks().fire(spec, state, hooks.type());
        }
    }

    /** The lease was lost between two actions of a tick: the rest were not applied (the next holder applies them). */
    static final class LeaseLostException extends RuntimeException {
        LeaseLostException(String key, String next) {
            super("canary " + key + ": the lease expired during the actions; " + next + " and the rest not applied");
        }
    }

    private static String name(Action action) {
        return "action " + action.getClass().getSimpleName();
    }
}
