package dev.canary.engine;

import dev.canary.spec.HookType;
import dev.canary.spec.Phase;
import dev.canary.spec.Routes;
import java.util.Objects;

/**
 * Confirms a decided rollback: the run becomes {@code Failed} only once the router reads back all traffic on
 * the primary; until then every tick sets the routes again. Stateless.
 */
final class Rollbacks {
    private Rollbacks() {
    }

    static Step confirm(Tick t) {
        Step.Observe missing = t.need(Need.ROUTES);
        if (missing != null) {
            return missing;
        }
        String reason = Objects.requireNonNull(t.cur().rollbackReason());
        Routes routes = t.routes();
        if (!routes.equals(Routes.PRIMARY_ONLY)) {
            t.routeTo(Routes.PRIMARY_ONLY);
            return t.decide("rollback not confirmed yet: the router reports " + routes
                    + "; setting all traffic to the primary again (" + reason + ")");
        }
        t.update(b -> b.rollbackReason(null).canaryWeight(0).mirrored(false).waitingSince(null));
        t.toPhase(Phase.FAILED, reason);
        t.event(new Event.RolledBack(t.spec.key(), t.now, reason, t.cur().failedChecks()));
        if (t.hasHooks(HookType.POST_ROLLOUT)) {
            t.act(new Action.RunHooks(HookType.POST_ROLLOUT));
        }
        return t.decide("rolled back, all traffic on the primary (confirmed by the router): " + reason);
    }
}
