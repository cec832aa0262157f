package dev.canary.internal;

import dev.canary.engine.Action;
import dev.canary.engine.RunState;
import dev.canary.spec.CanarySpec;
import java.util.List;

/** Applies the actions of a decision to the router, the target and the hooks, in order. */
final class Actuator {
    private final RunContext context;

    Actuator(RunContext context) {
        this.context = context;
    }

    /**
     * Applies every action; the first failure stops and propagates (the runner re-applies the pending actions,
     * which are idempotent, at the next tick). Post-rollout hooks are skipped when {@code replay} is true.
     */
    void apply(List<Action> actions, RunState state, boolean replay) {
        CanarySpec spec = context.spec();
        for (Action action : actions) {
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
            } else if (action instanceof Action.RunHooks hooks && !replay) {
                context.hooks().fire(spec, state, hooks.type());
            }
        }
    }
}
