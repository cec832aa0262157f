package dev.canary.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Simulated traffic: a request rate that may swing with the time of day and burst, split between primary and
 * canary by the router's weight, and how each version serves it; the canary's behaviour may change during the run.
 * Latency is recorded in histogram buckets like Traefik's (default {@link #TRAEFIK_BUCKETS}). Immutable; build
 * with {@link #builder()}.
 */
public final class Traffic {
    /** Traefik's default latency buckets, in seconds. */
    public static final double[] TRAEFIK_BUCKETS = {0.1, 0.3, 1.2, 5.0};

    private final double requestsPerSecond;
    private final double diurnalAmplitude;
    private final Duration diurnalPeriod;
    private final List<Burst> bursts;
    private final Behaviour primary;
    private final Behaviour canary;
    private final List<Change> changes;
    private final double[] buckets;

    private Traffic(Builder b) {
        requestsPerSecond = b.requestsPerSecond;
        diurnalAmplitude = b.diurnalAmplitude;
        diurnalPeriod = b.diurnalPeriod;
        bursts = List.copyOf(b.bursts);
        primary = b.primary;
        canary = b.canary;
        changes = List.copyOf(b.changes);
        buckets = b.buckets.clone();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The mean request rate {@code elapsed} after the start; {@code phase} shifts the daily cycle (0..1). */
    public double rate(Duration elapsed, double phase) {
        double t = elapsed.toMillis() / 1000.0;
        double rate = requestsPerSecond;
        if (diurnalAmplitude > 0) {
            double period = diurnalPeriod.toMillis() / 1000.0;
            rate *= 1 + diurnalAmplitude * Math.sin(2 * Math.PI * (t / period + phase));
        }
        for (Burst burst : bursts) {
            double from = burst.at().toMillis() / 1000.0;
            if (t >= from && t < from + burst.length().toMillis() / 1000.0) {
                rate *= burst.factor();
            }
        }
        return Math.max(0, rate);
    }

    public Behaviour primary() {
        return primary;
    }

    /** The canary's behaviour {@code elapsed} after the start. */
    public Behaviour canary(Duration elapsed) {
        Behaviour current = canary;
        for (Change change : changes) {
            if (elapsed.compareTo(change.at()) >= 0) {
                current = change.canary();
            }
        }
        return current;
    }

    /** The latency bucket bounds in seconds, ascending. */
    public double[] buckets() {
        return buckets.clone();
    }

    public double requestsPerSecond() {
        return requestsPerSecond;
    }

    record Burst(Duration at, Duration length, double factor) {
    }

    record Change(Duration at, Behaviour canary) {
    }

    /** Builds {@link Traffic}; defaults: 20 requests/s, no swings, both versions at 0.5 % errors. Not thread-safe. */
    public static final class Builder {
        private double requestsPerSecond = 20;
        private double diurnalAmplitude;
        private Duration diurnalPeriod = Duration.ofDays(1);
        private final List<Burst> bursts = new ArrayList<>();
        private Behaviour primary = Behaviour.errors(0.005);
        private Behaviour canary = Behaviour.errors(0.005);
        private final List<Change> changes = new ArrayList<>();
        private double[] buckets = TRAEFIK_BUCKETS;

        private Builder() {
        }

        public Builder requestsPerSecond(double rate) {
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("requestsPerSecond must be at least 0 but was " + rate);
            }
            this.requestsPerSecond = rate;
            return this;
        }

        /** The rate swings by {@code amplitude} (0..1) of itself over {@code period}, starting at a random phase. */
        public Builder diurnal(double amplitude, Duration period) {
            if (!(amplitude >= 0 && amplitude <= 1) || period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("diurnal needs an amplitude in [0, 1] and a positive period but "
                        + "was " + amplitude + ", " + period);
            }
            this.diurnalAmplitude = amplitude;
            this.diurnalPeriod = period;
            return this;
        }

        /** The rate is multiplied by {@code factor} from {@code at} for {@code length}. */
        public Builder burst(Duration at, Duration length, double factor) {
            if (!(factor >= 0)) {
                throw new IllegalArgumentException("burst factor must be at least 0 but was " + factor);
            }
            bursts.add(new Burst(at, length, factor));
            return this;
        }

        public Builder primary(Behaviour primary) {
            this.primary = Objects.requireNonNull(primary, "primary == null");
            return this;
        }

        public Builder canary(Behaviour canary) {
            this.canary = Objects.requireNonNull(canary, "canary == null");
            return this;
        }

        /** From {@code at} after the start, the canary behaves as {@code canary}. */
        public Builder canaryFrom(Duration at, Behaviour canary) {
            changes.add(new Change(at, Objects.requireNonNull(canary, "canary == null")));
            changes.sort((a, b) -> a.at().compareTo(b.at()));
            return this;
        }

        public Builder buckets(double... seconds) {
            double[] sorted = seconds.clone();
            Arrays.sort(sorted);
            if (sorted.length == 0 || sorted[0] <= 0) {
                throw new IllegalArgumentException("buckets must be positive second bounds but were "
                        + Arrays.toString(seconds));
            }
            this.buckets = sorted;
            return this;
        }

        public Traffic build() {
            return new Traffic(this);
        }
    }
}
