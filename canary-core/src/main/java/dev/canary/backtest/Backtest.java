package dev.canary.backtest;

import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.SequentialSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Runs a spec on past releases: the real engine on a simulated clock, ticking every {@code analysis.interval}
 * from each release's start, with the metric results the {@link History} recorded at each tick time.
 *
 * <pre>{@code
 * Backtest backtest = Backtest.builder().spec(spec).history(PrometheusHistory.of(prometheus)).build();
 * BacktestReport report = backtest.run(List.of(Release.at("v42", Instant.parse("2026-11-29T14:00:00Z"))));
 * System.out.print(BacktestText.report(report));
 * }</pre>
 *
 * <p>In the replay the target is always ready, every hook approves, and the router obeys every decision (see
 * {@link Weights} for the weights the engine is given). A release is replayed until the run ends (promoted or
 * rolled back, as confirmed by the replayed router) or for {@link #maxDuration()}. Immutable; thread-safe when
 * its history is.
 */
public final class Backtest {
    /** Ticks added to the healthy path's length for the default {@link Builder#maxDuration}. */
    public static final int DEFAULT_SLACK_TICKS = 10;

    private final CanarySpec spec;
    private final History history;
    private final Weights weights;
    private final Duration maxDuration;

    private Backtest(CanarySpec spec, History history, Weights weights, Duration maxDuration) {
        this.spec = spec;
        this.history = history;
        this.weights = weights;
        this.maxDuration = maxDuration;
    }

    public static Builder builder() {
        return new Builder();
    }

    public CanarySpec spec() {
        return spec;
    }

    public Weights weights() {
        return weights;
    }

    /** How long after its start a release is replayed at most. */
    public Duration maxDuration() {
        return maxDuration;
    }

    /** The tick times of {@code release}: its start, then every interval up to {@link #maxDuration()}. */
    public List<Instant> ticks(Release release) {
        Duration interval = spec.analysis().interval();
        long n = maxDuration.toMillis() / interval.toMillis();
        List<Instant> ticks = new ArrayList<>();
        for (long k = 0; k <= n; k++) {
            ticks.add(release.start().plus(interval.multipliedBy(k)));
        }
        return ticks;
    }

    /** Replays one release. */
    public ReleaseResult run(Release release) {
        List<Instant> ticks = ticks(release);
        List<RecordedTick> recorded = history.record(spec, release, ticks);
        if (recorded.size() != ticks.size()) {
            throw new IllegalStateException("the history answered " + recorded.size() + " ticks for " + ticks.size()
                    + " tick times of release '" + release.name() + "'");
        }
        return Replay.run(spec, release, weights, recorded,
                (check, subject, window, at) -> history.counts(spec, release, check, subject, window, at));
    }

    /** Replays every release, in order. */
    public BacktestReport run(List<Release> releases) {
        return new BacktestReport(spec.key(), weights, releases.stream().map(this::run).toList());
    }

    /** Replays the releases the history finds in {@code [from, to)} (see {@link History#releases}). */
    public BacktestReport run(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the window must end after it starts but was " + from + " to " + to);
        }
        return run(history.releases(spec, from, to));
    }

    /** The same releases under this backtest's spec and {@code other}'s, side by side. */
    public Comparison compare(Backtest other, List<Release> releases) {
        return new Comparison(run(releases), other.run(releases));
    }

    /**
     * The default {@link #maxDuration()}: the ticks a healthy run of {@code spec} takes to be promoted (detection,
     * first analysis, each weight step or iteration, promotion), plus the failed-check threshold, plus
     * {@link #DEFAULT_SLACK_TICKS}, times the interval; plus the longest {@code maxHold} of its sequential checks
     * (how long a run may hold at the ceiling waiting for them).
     */
    public static Duration defaultMaxDuration(CanarySpec spec) {
        AnalysisSpec a = spec.analysis();
        int steps = switch (a.strategy()) {
            case CANARY -> canarySteps(a);
            case BLUE_GREEN -> a.iterations() + 2;
            case AB_TESTING -> a.iterations() + 1;
        };
        int promotion = a.stepWeightPromotion() > 0
                ? (a.effectiveMaxWeight() + a.stepWeightPromotion() - 1) / a.stepWeightPromotion() : 1;
        int ticks = 2 + steps + 1 + promotion + 1 + a.threshold() + DEFAULT_SLACK_TICKS;
        Duration hold = a.metrics().stream().map(MetricCheck::sequential).filter(Objects::nonNull)
                .map(SequentialSpec::maxHold).max(Duration::compareTo).orElse(Duration.ZERO);
        return a.interval().multipliedBy(ticks).plus(hold);
    }

    private static int canarySteps(AnalysisSpec a) {
        int max = a.effectiveMaxWeight();
        if (a.stepWeight() > 0) {
            return (max + a.stepWeight() - 1) / a.stepWeight() + (a.mirror() ? 1 : 0);
        }
        return (int) a.stepWeights().stream().filter(w -> w < max).count() + 1 + (a.mirror() ? 1 : 0);
    }

    /** Configures a {@link Backtest}; not thread-safe. */
    public static final class Builder {
        private @Nullable CanarySpec spec;
        private @Nullable History history;
        private Weights weights = Weights.SPEC;
        private @Nullable Duration maxDuration;

        private Builder() {
        }

        /** The spec to judge the releases with (required); a manifest's is {@code manifest.spec()}. */
        public Builder spec(CanarySpec spec) {
            this.spec = spec;
            return this;
        }

        /** Where the past is read (required). */
        public Builder history(History history) {
            this.history = history;
            return this;
        }

        /** Which weights the engine is given. Default {@link Weights#SPEC}. */
        public Builder weights(Weights weights) {
            this.weights = weights;
            return this;
        }

        /** How long a release is replayed at most. Default {@link #defaultMaxDuration(CanarySpec)}. */
        public Builder maxDuration(Duration maxDuration) {
            this.maxDuration = maxDuration;
            return this;
        }

        /** @throws IllegalArgumentException listing every missing or invalid setting */
        public Backtest build() {
            List<String> problems = new ArrayList<>();
            if (spec == null) {
                problems.add("spec is required");
            }
            if (history == null) {
                problems.add("history is required");
            }
            if (weights == null) {
                problems.add("weights is required");
            }
            if (maxDuration != null && spec != null
                    && maxDuration.compareTo(spec.analysis().interval()) < 0) {
                problems.add("maxDuration must be at least analysis.interval (" + spec.analysis().interval()
                        + ") but was " + maxDuration);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid backtest: " + String.join("; ", problems));
            }
            CanarySpec s = Objects.requireNonNull(spec);
            return new Backtest(s, Objects.requireNonNull(history), weights,
                    maxDuration != null ? maxDuration : defaultMaxDuration(s));
        }
    }
}
