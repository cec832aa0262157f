package dev.canary.engine;

import dev.canary.spec.HookType;
import dev.canary.spec.Routes;
import java.util.Objects;

/**
 * Something the runner must do to the world after a decision. Every action is idempotent: applying it again
 * (after a crash between persisting the state and acting) does no harm.
 */
public sealed interface Action {

    /** Bootstrap the primary and the routing objects (deployment target and router). */
    record Initialize() implements Action {
    }

    /** Set the router's weights. */
    record SetRoutes(Routes routes) implements Action {
        public SetRoutes {
            Objects.requireNonNull(routes, "routes == null");
        }
    }

    /** Scale the canary workload up for a run. */
    record ScaleCanaryUp() implements Action {
    }

    /** Scale the canary workload to zero. */
    record ScaleCanaryDown() implements Action {
    }

    /** Copy the canary's revision into the primary. */
    record Promote() implements Action {
    }

    /** Call the hooks of a type whose answer changes nothing (post-rollout). */
    record RunHooks(HookType type) implements Action {
        public RunHooks {
            Objects.requireNonNull(type, "type == null");
        }
    }
}
