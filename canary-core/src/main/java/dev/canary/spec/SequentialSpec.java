package dev.canary.spec;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Opts a metric check into sequential judgement: instead of a value per tick against {@code thresholdRange}
 * (Flagger's rule), the check is judged from the counts behind it, accumulated over the whole analysis, by
 * anytime-valid tests. Harm shown rolls back in that tick; the run promotes only when every sequential check has
 * shown no harm, holding at the weight ceiling for at most {@code maxHold}, then following {@code onUndecided}.
 *
 * <p>A success-rate check ({@code request-success-rate}, or a template with a count query) is judged on failed
 * requests; a latency check ({@code request-duration}, or any check with a {@code latencyBound}, such as a template
 * whose count queries name the latency buckets) on requests slower than its bound, read from the latency buckets.
 * Against the SLO, the allowed rate is {@code allowedRate} when set, else 1 - min/100 of the check's
 * {@code thresholdRange} for a success rate, and {@link #DEFAULT_SLOW_SHARE} for latency; "good" is
 * {@code goodFactor} times it, "bad" {@code badFactor} times it. Against the primary, the ratio of the canary's
 * rate to the primary's is "good" at {@code goodRatio} and "bad" at {@code badRatio}; latency is compared at every
 * bucket bound. The check's {@code alpha} is shared among its tests.
 *
 * @param against     the SLO, the primary, or both (default {@link Baseline#BOTH})
 * @param alpha       probability of a false rollback by this check, default {@link #DEFAULT_ALPHA}
 * @param beta        probability of clearing a canary as bad as "bad", default {@link #DEFAULT_BETA}
 * @param allowedRate the allowed failure rate or share of slow requests, or {@code null} for the default above
 * @param goodFactor  default {@link #DEFAULT_GOOD_FACTOR}
 * @param badFactor   default {@link #DEFAULT_BAD_FACTOR}
 * @param goodRatio   default {@link #DEFAULT_GOOD_RATIO}
 * @param badRatio    default {@link #DEFAULT_BAD_RATIO}
 * @param maxHold     how long the run holds at the ceiling waiting for this check to show no harm, default
 *                    {@link #DEFAULT_MAX_HOLD}
 * @param onUndecided what happens when the hold runs out, default {@link OnUndecided#ROLLBACK}
 * @param holdAt      the weight holds while the test against the SLO (or a latency comparison with the primary)
 *                    has at least this fraction of the evidence it needs to show harm (its log likelihood ratio
 *                    at or above {@code holdAt} times its harm bound, and above 0), in [0, 1], default
 *                    {@link #DEFAULT_HOLD_AT}
 * @param holdAtPrimary the same for the comparison of failures with the primary, default
 *                    {@link #DEFAULT_HOLD_AT_PRIMARY}: lower, because a comparison weighs each canary request more
 *                    the smaller the canary's share (the primary's failures come for free), so holding the share
 *                    low while it leans toward harm shows harm with fewer canary requests
 * @param sloTest     the test against the SLO: {@link SloTest#SPRT} (default) or {@link SloTest#MIXTURE}
 * @param latencyBound judge the check on requests slower than this bound, read from the latency buckets of its
 *                    counts (for a template check: the template's {@code buckets} count query), or {@code null}:
 *                    {@code request-duration} is judged on its {@code thresholdRange} maximum in milliseconds, any
 *                    other check on failed requests
 */
public record SequentialSpec(
        Baseline against,
        double alpha,
        double beta,
        @Nullable Double allowedRate,
        double goodFactor,
        double badFactor,
        double goodRatio,
        double badRatio,
        Duration maxHold,
        OnUndecided onUndecided,
        double holdAt,
        double holdAtPrimary,
        SloTest sloTest,
        @Nullable Duration latencyBound,
        @Nullable Duration watch) {

    public static final double DEFAULT_ALPHA = 0.01;
    public static final double DEFAULT_BETA = 0.05;
    public static final double DEFAULT_SLOW_SHARE = 0.01;
    public static final double DEFAULT_GOOD_FACTOR = 0.5;
    public static final double DEFAULT_BAD_FACTOR = 2.0;
    public static final double DEFAULT_GOOD_RATIO = 1.0;
    public static final double DEFAULT_BAD_RATIO = 2.0;
    public static final Duration DEFAULT_MAX_HOLD = Duration.ofMinutes(10);
    public static final double DEFAULT_HOLD_AT = 0.5;
    public static final double DEFAULT_HOLD_AT_PRIMARY = 0.2;

    /** What a sequential check compares the canary with. */
    public enum Baseline { SLO, PRIMARY, BOTH;

        public boolean slo() {
            return this != PRIMARY;
        }

        public boolean primary() {
            return this != SLO;
        }
    }

    /**
     * The test against the SLO. {@code SPRT}: Wald's test of "good" against one "bad" rate ({@code badFactor} times
     * the allowed rate), the fastest at that rate. {@code MIXTURE}: harm is shown by the average of the likelihood
     * ratios of the doublings of "good" up to 1/2, which assumes no single bad rate (faster for gross failures,
     * slower at the "bad" rate); no harm is still shown by the SPRT's lower bound.
     */
    public enum SloTest { SPRT, MIXTURE }

    /** What happens when the hold at the ceiling runs out before the check showed no harm. */
    public enum OnUndecided { ROLLBACK, PROMOTE }

    public SequentialSpec {
        Objects.requireNonNull(against, "against == null");
        Objects.requireNonNull(maxHold, "maxHold == null");
        Objects.requireNonNull(onUndecided, "onUndecided == null");
        Objects.requireNonNull(sloTest, "sloTest == null");
        check(alpha > 0 && alpha < 0.5, "alpha must be between 0 and 0.5 (exclusive) but was " + alpha);
        check(beta > 0 && beta < 0.5, "beta must be between 0 and 0.5 (exclusive) but was " + beta);
        check(allowedRate == null || allowedRate > 0 && allowedRate < 1,
                "allowedRate must be between 0 and 1 (exclusive) but was " + allowedRate);
        check(goodFactor > 0 && goodFactor < 1, "goodFactor must be between 0 and 1 (exclusive) but was "
                + goodFactor);
        check(badFactor > 1 && !Double.isInfinite(badFactor), "badFactor must be above 1 but was " + badFactor);
        check(goodRatio > 0 && !Double.isInfinite(goodRatio), "goodRatio must be above 0 but was " + goodRatio);
        check(badRatio > goodRatio && !Double.isInfinite(badRatio),
                "badRatio must be above goodRatio (" + goodRatio + ") but was " + badRatio);
        check(!maxHold.isNegative(), "maxHold must not be negative but was " + maxHold);
        check(holdAt >= 0 && holdAt <= 1, "holdAt must be between 0 and 1 but was " + holdAt);
        check(holdAtPrimary >= 0 && holdAtPrimary <= 1, "holdAtPrimary must be between 0 and 1 but was "
                + holdAtPrimary);
        check(latencyBound == null || latencyBound.toNanos() > 0 && latencyBound.toNanos() % 1_000_000 == 0,
                "latencyBound must be a positive whole number of milliseconds but was " + latencyBound);
        check(watch == null || watch.toMillis() >= 100,
                "watch must be at least 100ms (or unset, to read counts only at ticks) but was " + watch);
    }

    /** Whether {@code check} is judged on slow requests: it has a {@code latencyBound}, or is the builtin latency. */
    public boolean judgesLatency(MetricCheck check) {
        return latencyBound != null || MetricCheck.REQUEST_DURATION.equals(check.name()) && check.isBuiltin();
    }

    /**
     * Why these settings cannot judge {@code check}, or {@code null} when they can: against the SLO a latency check
     * needs a bound ({@code latencyBound}, or the builtin's {@code thresholdRange.max} in milliseconds), any other
     * check an allowed failure rate ({@code allowedRate}, or a {@code thresholdRange.min} success rate in percent).
     */
    public @Nullable String problemWith(MetricCheck check) {
        ThresholdRange range = check.thresholdRange();
        if (!against.slo()) {
            return null;
        }
        if (judgesLatency(check)) {
            return latencyBound == null && range.max() == null ? "a sequential latency check against the SLO needs "
                    + "thresholdRange.max (milliseconds) or sequential.latencyBound" : null;
        }
        boolean rate = range.min() != null && range.min() > 0 && range.min() < 100;
        return allowedRate == null && !rate ? "a sequential check against the SLO needs sequential.allowedRate or a "
                + "thresholdRange.min success rate between 0 and 100 (percent); a latency check needs "
                + "sequential.latencyBound" : null;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("sequential." + message);
        }
    }

    /**
     * Every default: both baselines, alpha 1 %, beta 5 %, zone x0.5..x2, ratio 1..2, hold 10 minutes, the weight
     * held at half the SLO test's harm bound and a fifth of a comparison's.
     */
    public static SequentialSpec ofDefaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().against(against).alpha(alpha).beta(beta).allowedRate(allowedRate)
                .goodFactor(goodFactor).badFactor(badFactor).goodRatio(goodRatio).badRatio(badRatio)
                .maxHold(maxHold).onUndecided(onUndecided).holdAt(holdAt).holdAtPrimary(holdAtPrimary)
                .sloTest(sloTest).latencyBound(latencyBound).watch(watch);
    }

    /** Builds a {@link SequentialSpec}, starting from the defaults; not thread-safe. */
    public static final class Builder {
        private Baseline against = Baseline.BOTH;
        private double alpha = DEFAULT_ALPHA;
        private double beta = DEFAULT_BETA;
        private @Nullable Double allowedRate;
        private double goodFactor = DEFAULT_GOOD_FACTOR;
        private double badFactor = DEFAULT_BAD_FACTOR;
        private double goodRatio = DEFAULT_GOOD_RATIO;
        private double badRatio = DEFAULT_BAD_RATIO;
        private Duration maxHold = DEFAULT_MAX_HOLD;
        private OnUndecided onUndecided = OnUndecided.ROLLBACK;
        private double holdAt = DEFAULT_HOLD_AT;
        private double holdAtPrimary = DEFAULT_HOLD_AT_PRIMARY;
        private SloTest sloTest = SloTest.SPRT;
        private @Nullable Duration latencyBound;
        private @Nullable Duration watch;

        private Builder() {
        }

        public Builder against(Baseline against) {
            this.against = against;
            return this;
        }

        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        public Builder beta(double beta) {
            this.beta = beta;
            return this;
        }

        public Builder allowedRate(@Nullable Double allowedRate) {
            this.allowedRate = allowedRate;
            return this;
        }

        public Builder goodFactor(double goodFactor) {
            this.goodFactor = goodFactor;
            return this;
        }

        public Builder badFactor(double badFactor) {
            this.badFactor = badFactor;
            return this;
        }

        public Builder goodRatio(double goodRatio) {
            this.goodRatio = goodRatio;
            return this;
        }

        public Builder badRatio(double badRatio) {
            this.badRatio = badRatio;
            return this;
        }

        public Builder maxHold(Duration maxHold) {
            this.maxHold = maxHold;
            return this;
        }

        public Builder onUndecided(OnUndecided onUndecided) {
            this.onUndecided = onUndecided;
            return this;
        }

        public Builder holdAt(double holdAt) {
            this.holdAt = holdAt;
            return this;
        }

        public Builder holdAtPrimary(double holdAtPrimary) {
            this.holdAtPrimary = holdAtPrimary;
            return this;
        }

        public Builder sloTest(SloTest sloTest) {
            this.sloTest = sloTest;
            return this;
        }

        public Builder latencyBound(@Nullable Duration latencyBound) {
            this.latencyBound = latencyBound;
            return this;
        }

        /** Reads the counts every {@code watch} between ticks too (see {@link SequentialSpec#watch()}). */
        public Builder watch(@Nullable Duration watch) {
            this.watch = watch;
            return this;
        }

        public SequentialSpec build() {
            return new SequentialSpec(against, alpha, beta, allowedRate, goodFactor, badFactor, goodRatio, badRatio,
                    maxHold, onUndecided, holdAt, holdAtPrimary, sloTest, latencyBound, watch);
        }
    }
}
