package dev.canary.simulation;

import dev.canary.CanaryEvent;
import dev.canary.CanaryExecution;
import dev.canary.CanaryRun;
import dev.canary.spec.Phase;
import dev.canary.spec.GateResult;
import dev.canary.spec.MetricTemplate;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.RequestCounts;
import dev.canary.spec.WebhookSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Runs a spec many times on the real runner ({@link CanaryRun}) in simulated time against simulated
 * {@link Traffic}, and reports how the runs ended. Every webhook of the spec is answered in process with an
 * approval (the traffic is simulated, so there is nothing to load-test). Runs are independent and reproducible:
 * run {@code i} draws from a random generator seeded with {@link #runSeed runSeed(seed, i)}, a mix of both, so
 * simulations with different seeds share no run.
 *
 * <pre>{@code
 * SimulationReport report = Simulation.builder(spec)
 *         .traffic(Traffic.builder().requestsPerSecond(20).canary(Behaviour.errors(0.02)).build())
 *         .runs(1000).build().run();
 * }</pre>
 *
 * <p>The simulated metrics answer the builtin checks ({@code request-success-rate}, {@code request-duration}) and
 * the counts behind them, and the counts of sequential checks whose metric templates name count queries
 * ({@link Builder#templates}).
 *
 * <p>A simulation is immutable and may run on any thread; one call of {@link #run()} uses the calling thread.
 */
public final class Simulation {
    /** Simulated time after which a run counts as undecided. */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(2);
    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    private final CanarySpec spec;
    private final Traffic traffic;
    private final int runs;
    private final long seed;
    private final Duration maxDuration;
    private final SimulatedTemplates templates;

    private Simulation(Builder b) {
        this.spec = Objects.requireNonNull(b.spec, "spec == null");
        this.traffic = b.traffic;
        this.runs = b.runs;
        this.seed = b.seed;
        this.maxDuration = b.maxDuration;
        this.templates = new SimulatedTemplates(b.templates);
    }

    public static Builder builder(CanarySpec spec) {
        return new Builder(spec);
    }

    /** Runs every run and reports them. */
    public SimulationReport run() {
        List<RunOutcome> outcomes = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            outcomes.add(runOnce(runSeed(seed, i)));
        }
        return new SimulationReport(outcomes);
    }

    /**
     * The seed of run {@code i} of a simulation seeded with {@code seed}: SplitMix64's finaliser of
     * {@code seed + (i + 1) x 0x9E3779B97F4A7C15}, so that neighbouring seeds (1, 2, ...) give unrelated runs
     * instead of the same runs shifted by one.
     */
    public static long runSeed(long seed, int i) {
        long z = seed + (i + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One run with its own random generator. */
    public RunOutcome runOnce(long runSeed) {
        VirtualTime time = new VirtualTime(START);
        SimulatedService service = new SimulatedService(traffic, templates, time,
                new SplittableRandom(runSeed));
        Decisions decisions = new Decisions();
        CanaryRun.Builder builder = CanaryRun.builder().spec(spec).router(service.router())
                .metrics(service.metrics()).target(service.target()).clock(time.clock()).scheduler(time)
                .executor(time).listener(decisions);
        for (WebhookSpec hook : spec.analysis().webhooks()) {
            builder.gate(hook.name(), request -> GateResult.approve());
        }
        CanaryExecution execution = builder.build().start();
        time.runUntil(START.plus(maxDuration), () -> execution.result().isDone());
        RequestCounts canary = service.canaryTotal();
        time.shutdownNow();
        if (!execution.result().isDone()) {
            return new RunOutcome(RunOutcome.Result.UNDECIDED, maxDuration, canary.requests(), canary.failures(),
                    "undecided after " + maxDuration);
        }
        Phase phase = execution.result().join().phase();
        boolean promoted = phase == Phase.SUCCEEDED;
        Instant decided = promoted ? decisions.promoted : decisions.rolledBack;
        Instant from = decisions.firstTraffic != null ? decisions.firstTraffic : START;
        Duration took = Duration.between(from, decided == null ? time.now() : decided);
        return new RunOutcome(promoted ? RunOutcome.Result.PROMOTED : RunOutcome.Result.ROLLED_BACK, took,
                canary.requests(), canary.failures(), execution.result().join().reason());
    }

    /** Remembers when the canary first got traffic and when the promotion and the rollback were decided. */
    private static final class Decisions implements dev.canary.CanaryListener {
        @Nullable Instant firstTraffic;
        @Nullable Instant promoted;
        @Nullable Instant rolledBack;

        @Override
        public void onEvent(CanaryEvent event) {
            if (event instanceof CanaryEvent.WeightChanged w && (w.to() > 0 || w.mirrored()) && firstTraffic == null) {
                firstTraffic = w.at();
            }
            if (event instanceof CanaryEvent.PhaseChanged p && p.to() == Phase.PROMOTING && promoted == null) {
                promoted = p.at();
            } else if (event instanceof CanaryEvent.Note n && n.message().startsWith("rolling back")
                    && rolledBack == null) {
                rolledBack = n.at();
            } else if (event instanceof CanaryEvent.RolledBack r && rolledBack == null) {
                rolledBack = r.at();
            }
        }
    }

    /** Builds a {@link Simulation}; defaults: {@link Traffic} defaults, 1,000 runs, seed 1. Not thread-safe. */
    public static final class Builder {
        private final CanarySpec spec;
        private Traffic traffic = Traffic.builder().build();
        private int runs = 1000;
        private long seed = 1;
        private Duration maxDuration = DEFAULT_MAX_DURATION;
        private List<MetricTemplate> templates = List.of();

        private Builder(CanarySpec spec) {
            this.spec = Objects.requireNonNull(spec, "spec == null");
        }

        public Builder traffic(Traffic traffic) {
            this.traffic = Objects.requireNonNull(traffic, "traffic == null");
            return this;
        }

        public Builder runs(int runs) {
            if (runs < 1) {
                throw new IllegalArgumentException("runs must be at least 1 but was " + runs);
            }
            this.runs = runs;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Simulated time after which a run is stopped and counted as undecided, default 2 hours. */
        public Builder maxDuration(Duration maxDuration) {
            if (maxDuration.isNegative() || maxDuration.isZero()) {
                throw new IllegalArgumentException("maxDuration must be positive but was " + maxDuration);
            }
            this.maxDuration = maxDuration;
            return this;
        }

        /**
         * The metric templates the spec's checks refer to (a manifest's {@code metricTemplates()}), default none.
         * A sequential check whose template names count queries is answered with the simulated service's counts
         * (its latency buckets too when the template names a {@code buckets} query); checks with other templates
         * get a failed answer, judged by their {@code onError}.
         */
        public Builder templates(Collection<MetricTemplate> templates) {
            this.templates = List.copyOf(templates);
            return this;
        }

        public Simulation build() {
            return new Simulation(this);
        }
    }
}
