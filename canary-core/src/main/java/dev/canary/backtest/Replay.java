package dev.canary.backtest;

import dev.canary.RunStatus;
import dev.canary.engine.Action;
import dev.canary.engine.Decision;
import dev.canary.engine.Engine;
import dev.canary.engine.Need;
import dev.canary.engine.Observations;
import dev.canary.engine.RunState;
import dev.canary.engine.Step;
import dev.canary.engine.SubjectCounts;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.DecisionRecord;
import dev.canary.spec.GateResult;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.spec.Readiness;
import dev.canary.spec.Routes;
import dev.canary.spec.SequentialSpec;
import dev.canary.spec.TargetStatus;
import dev.canary.spec.Verdict;
import dev.canary.spi.MetricQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Replays one release through {@link Engine#step} over recorded ticks, in a simulated world: the target has the
 * new revision from tick 0 and both workloads are always ready, every hook approves, the router obeys every
 * decision (and, with {@link Weights#RECORDED}, reads back the recorded weights while the analysis runs), and the
 * metrics are the recorded ones. Pure and stateless.
 */
final class Replay {
    /** The revision the primary runs before the release. */
    static final String PREVIOUS = "previous";

    private Replay() {
    }

    /** Where a sequential check's counts come from: check, subject, window, end of the window. */
    @FunctionalInterface
    interface Counts {
        MetricResult of(MetricCheck check, MetricQuery.Subject subject, Duration window, Instant at);
    }

    static ReleaseResult run(CanarySpec spec, Release release, Weights weights, List<RecordedTick> recorded,
            Counts counts) {
        World world = new World(spec, release, weights, counts);
        for (RecordedTick tick : recorded) {
            world.tick(tick);
            if (world.state.isTerminal() && world.ticks.size() > 1) {
                break;
            }
        }
        return world.result();
    }

    /** The simulated world of one replay; not thread-safe. */
    private static final class World {
        private final CanarySpec spec;
        private final Release release;
        private final Weights weights;
        private final Counts counts;
        private final List<ReplayTick> ticks = new ArrayList<>();
        private final Map<String, Integer> failures = new HashMap<>();
        private RunState state = RunState.initial();
        private Routes router = Routes.PRIMARY_ONLY;
        private String primaryRevision = PREVIOUS;
        private @Nullable Instant decidedAt;
        private @Nullable Outcome outcome;
        private String reason = "";

        World(CanarySpec spec, Release release, Weights weights, Counts counts) {
            this.spec = spec;
            this.release = release;
            this.weights = weights;
            this.counts = counts;
        }

        void tick(RecordedTick recorded) {
            Observations obs = Observations.NONE;
            Routes given = null;
            Step step = Engine.step(spec, state, obs, recorded.at());
            while (step instanceof Step.Observe observe) {
                for (Need need : observe.needs()) {
                    switch (need.kind()) {
                        case TARGET -> obs = obs.withTarget(new TargetStatus(release.name(), primaryRevision,
                                Readiness.READY, Readiness.READY));
                        case ROUTES -> {
                            given = readBack(recorded);
                            obs = obs.withRoutes(given);
                        }
                        case METRICS -> obs = obs.withMetrics(recorded.metrics());
                        case COUNTS -> obs = obs.withCounts(counts(recorded.at()));
                        case GATE -> obs = obs.withGate(Objects.requireNonNull(need.hook()), GateResult.approve());
                        default -> throw new UnsupportedOperationException("a backtest cannot observe " + need
                                + " yet (spec " + spec.key() + ", release " + release.name() + ")");
                    }
                }
                step = Engine.step(spec, state, obs, recorded.at());
            }
            Decision decision = (Decision) step;
            RunState before = state;
            state = decision.state();
            DecisionRecord record = state.history().get(state.history().size() - 1);
            ticks.add(new ReplayTick(record, given, recorded.routes()));
            apply(decision, before, record);
        }

        /**
         * The counts of every sequential check since the analysis started (the primary's only for checks that
         * compare with it), as the runner asks for them.
         */
        private Map<String, SubjectCounts> counts(Instant at) {
            Instant since = state.sequential() != null ? state.sequential().since() : at;
            Duration window = Duration.between(since, at);
            Map<String, SubjectCounts> out = new LinkedHashMap<>();
            for (MetricCheck check : spec.analysis().metrics()) {
                SequentialSpec sequential = check.sequential();
                if (sequential != null) {
                    MetricResult primary = sequential.against().primary()
                            ? counts.of(check, MetricQuery.Subject.PRIMARY, window, at) : null;
                    out.put(check.name(), new SubjectCounts(counts.of(check, MetricQuery.Subject.CANARY, window, at),
                            primary));
                }
            }
            return out;
        }

        /** What the replayed router reads back: the recorded weights while the analysis runs, else its own. */
        private Routes readBack(RecordedTick recorded) {
            boolean analysing = state.rollbackReason() == null
                    && (state.phase() == Phase.PROGRESSING || state.phase() == Phase.WAITING_PROMOTION);
            if (weights == Weights.RECORDED && analysing && recorded.routes() != null) {
                return recorded.routes();
            }
            return router;
        }

        private void apply(Decision decision, RunState before, DecisionRecord record) {
            for (Action action : decision.actions()) {
                if (action instanceof Action.SetRoutes set) {
                    router = set.routes();
                } else if (action instanceof Action.Promote) {
                    primaryRevision = release.name();
                    decided(Outcome.PROMOTED, record);
                }
            }
            boolean counted = state.failedChecks() > before.failedChecks();
            boolean rollback = before.rollbackReason() == null && state.rollbackReason() != null;
            if (counted || rollback) {
                // a failed check counted toward the threshold, or a rollback on the evidence of this tick alone
                // (a sequential check that showed harm)
                record.checks().stream().filter(c -> c.verdict() == Verdict.FAIL).map(CheckEvaluation::name)
                        .forEach(name -> failures.merge(name, 1, Integer::sum));
            }
            if (rollback) {
                decided(Outcome.ROLLED_BACK, record);
            }
        }

        private void decided(Outcome what, DecisionRecord record) {
            if (outcome == null) {
                outcome = what;
                decidedAt = record.at();
                reason = record.summary();
            }
        }

        ReleaseResult result() {
            Map<String, Integer> ordered = new LinkedHashMap<>();
            for (MetricCheck check : spec.analysis().metrics()) {
                Integer n = failures.get(check.name());
                if (n != null) {
                    ordered.put(check.name(), n);
                }
            }
            if (outcome == null) {
                String last = ticks.isEmpty() ? "nothing was replayed" : "last decision: "
                        + withoutEvidence(ticks.get(ticks.size() - 1).decision());
                int threshold = spec.analysis().threshold();
                return new ReleaseResult(release, weights, threshold, ticks, Outcome.UNDECIDED, null, "still "
                        + state.phase().displayName() + " at canary weight " + state.canaryWeight() + " after "
                        + ticks.size() + " ticks when the window ended; " + last, status(), ordered);
            }
            return new ReleaseResult(release, weights, spec.analysis().threshold(), ticks, outcome, decidedAt, reason,
                    status(), ordered);
        }

        /** The decision's summary without the per-check evidence in brackets that the engine appends. */
        static String withoutEvidence(DecisionRecord d) {
            String summary = d.summary();
            int at = d.checks().isEmpty() ? -1 : summary.indexOf(" [" + d.checks().get(0).name() + " ");
            return at > 0 ? summary.substring(0, at) : summary;
        }

        /** The status a live run would report after the last tick, named after the spec and the release. */
        private RunStatus status() {
            Instant at = ticks.isEmpty() ? release.start() : ticks.get(ticks.size() - 1).decision().at();
            return new RunStatus(spec.key() + " (backtest of " + release.name() + ")", at, state.phase(),
                    state.canaryWeight(), state.mirrored(), state.failedChecks(), spec.analysis().threshold(),
                    state.iterations(), state.lastChecks(), state.history(), state.rollbackReason());
        }
    }
}
