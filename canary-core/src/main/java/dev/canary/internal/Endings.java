package dev.canary.internal;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.Redaction;
import dev.canary.spec.Routes;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls that end a run, each bounded and never failing the chain: release the lease, close the hooks (load
 * generators, queued deliveries), close the providers the run created, and, when the run must stop for a reason
 * of its own, route all traffic to the primary first.
 */
final class Endings {
    private static final Logger logger = LoggerFactory.getLogger(Endings.class);
    /** How long the end of a run waits for the hooks to close (queued deliveries drain for up to 10 s). */
    private static final Duration CLOSE_BUDGET = Duration.ofSeconds(15);

    private final RunContext context;
    private final CanarySpec spec;
    private final Calls calls;

    Endings(RunContext context, Calls calls) {
        this.context = context;
        this.spec = context.spec();
        this.calls = calls;
    }

    /** Releases the lease, then closes the hooks. */
    CompletableFuture<Void> releaseAndCloseHooks() {
        return bounded("lease release", spec.analysis().interval().dividedBy(2),
                () -> context.lease().release(spec.key()))
                .thenCompose(ignored -> bounded("hooks close", CLOSE_BUDGET, () -> context.hooks().close()));
    }

    /** Closes the providers built by name for this run. */
    void closeCreated() {
        for (AutoCloseable provider : context.created()) {
            try {
                provider.close();
            } catch (Exception | Error e) {
                logger.warn("canary {}: cannot close {}: {}", spec.key(), Redaction.logged(provider),
                        Redaction.logged(e));
            }
        }
    }

    /** Routes all traffic to the primary, bounded by one interval; a failure is logged as an error. */
    CompletableFuture<Void> allTrafficToPrimary(Throwable why) {
        logger.error("canary {}: the run cannot go on ({}); routing all traffic to the primary", spec.key(),
                Redaction.logged(why));
        Instant deadline = context.clock().instant().plus(spec.analysis().interval());
        return calls.blocking("router (emergency rollback)", deadline, () -> {
            context.router().setRoutes(spec, Routes.PRIMARY_ONLY);
            return null;
        }).handle((ignored, failure) -> {
            if (failure != null) {
                logger.error("canary {}: could not route all traffic to the primary: {}", spec.key(),
                        Redaction.logged(Calls.unwrap(failure)));
            }
            return null;
        });
    }

    private CompletableFuture<Void> bounded(String what, Duration budget, Runnable call) {
        return calls.blocking(what, context.clock().instant().plus(budget), () -> {
            call.run();
            return null;
        }).handle((ignored, failure) -> {
            if (failure != null) {
                logger.warn("canary {}: {} failed: {}", spec.key(), what, Redaction.logged(Calls.unwrap(failure)));
            }
            return null;
        });
    }
}
