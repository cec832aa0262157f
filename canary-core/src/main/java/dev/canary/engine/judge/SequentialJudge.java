package dev.canary.engine.judge;

import dev.canary.spec.MetricCheck;
import dev.canary.spec.RequestCounts;
import dev.canary.spec.SequentialSpec;
import dev.canary.spec.ThresholdRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Updates a check's sequential tests from the cumulative counts of one tick. The tests are set up from the check
 * (see {@link SequentialSpec}): failures for a success-rate check, requests slower than a bound for a latency
 * check ({@code latencyBound} when set, else for {@code request-duration} the {@code thresholdRange} maximum in
 * milliseconds); the SLO test is
 * {@link RateTest}, the comparisons with the primary are {@link RatioTest}s (for latency one per bucket bound).
 * The check's alpha is divided evenly among its tests. Stateless and thread-safe.
 *
 * @param settings    the sequential settings
 * @param latency     whether the events are slow requests (else failed requests)
 * @param allowedRate the allowed failure rate or share of slow requests
 * @param boundSeconds the latency bound in seconds (latency only; NaN otherwise)
 */
public record SequentialJudge(SequentialSpec settings, boolean latency, double allowedRate, double boundSeconds) {
    /** The name of the test against the SLO. */
    public static final String SLO = "slo";
    /** The name of the comparison of failures with the primary. */
    public static final String PRIMARY = "primary";

    public SequentialJudge {
        Objects.requireNonNull(settings, "settings == null");
    }

    /** The judge of {@code check} with {@code settings}; fails when the check has no bound to derive a rate from. */
    public static SequentialJudge of(MetricCheck check, SequentialSpec settings) {
        ThresholdRange range = check.thresholdRange();
        String problem = settings.problemWith(check);
        if (problem != null) {
            throw new IllegalArgumentException("metrics." + check.name() + ": " + problem);
        }
        boolean latency = settings.judgesLatency(check);
        double bound = Double.NaN;
        double allowed;
        if (latency) {
            if (settings.latencyBound() != null) {
                bound = settings.latencyBound().toNanos() / 1e9;
            } else if (range.max() != null) {
                bound = range.max() / 1000.0;
            }
            allowed = Objects.requireNonNullElse(settings.allowedRate(), SequentialSpec.DEFAULT_SLOW_SHARE);
        } else if (settings.allowedRate() != null) {
            allowed = settings.allowedRate();
        } else if (range.min() != null && range.min() > 0 && range.min() < 100) {
            allowed = 1 - range.min() / 100;
        } else {
            allowed = Double.NaN;
        }
        return new SequentialJudge(settings, latency, allowed, bound);
    }

    /**
     * Why the counts cannot be judged, or {@code null} when they can: a latency check needs the latency buckets of
     * every version that served requests (a template names them with a {@code buckets} count query).
     */
    public @Nullable String unusable(RequestCounts counts, String subject) {
        if (latency && counts.requests() > 0 && counts.buckets().isEmpty()) {
            return "the " + subject + "'s counts carry no latency buckets, which a latency check is judged on; "
                    + "a metric template names them with the annotation sequential.canary.dev/buckets";
        }
        return null;
    }

    /** The tests after one tick: {@code canary} and {@code primary} are cumulative over the analysis. */
    public CheckStatistics update(@Nullable CheckStatistics previous, RequestCounts canary,
            @Nullable RequestCounts primary) {
        RequestCounts seenC = previous == null ? RequestCounts.NONE : previous.canarySeen();
        RequestCounts seenP = previous == null || previous.primarySeen() == null ? RequestCounts.NONE
                : previous.primarySeen();
        List<Statistic> tests = new ArrayList<>(previous == null ? start(canary) : previous.tests());
        if (tests.isEmpty()) {
            tests.addAll(start(canary));
        }
        double requestsC = delta(canary.requests(), seenC.requests());
        double requestsP = primary == null ? 0 : delta(primary.requests(), seenP.requests());
        double share = RatioTest.share(requestsC, requestsP);
        for (int i = 0; i < tests.size(); i++) {
            Statistic s = tests.get(i);
            if (s.name().equals(SLO)) {
                double events = delta(events(canary, boundSeconds), events(seenC, boundSeconds));
                RateTest test = RateTest.forBound(allowedRate, settings.goodFactor(), settings.badFactor());
                if (settings.sloTest() == SequentialSpec.SloTest.MIXTURE) {
                    double f = s.canaryEvents() + events;
                    double n = s.canaryRequests() + requestsC;
                    double e = MixtureRateTest.doublings(test.good()).logEValue(f, n);
                    tests.set(i, s.recomputed(e, test.logLikelihoodRatio(f, n) <= s.lower(), events, requestsC));
                } else {
                    tests.set(i, s.plus(test.logLikelihoodRatio(events, requestsC), events, requestsC, 0, 0));
                }
            } else if (primary != null) {
                double le = s.name().startsWith("primary le ") ? leOf(s.name()) : Double.NaN;
                double c = delta(events(canary, le), events(seenC, le));
                double p = delta(events(primary, le), events(seenP, le));
                RatioTest test = new RatioTest(settings.goodRatio(), settings.badRatio());
                tests.set(i, s.plus(test.logLikelihoodRatio(c, p, share), c, requestsC, p, requestsP));
            }
        }
        return new CheckStatistics(max(seenC, canary), primary == null ? null : max(seenP, primary), tests);
    }

    private List<Statistic> start(RequestCounts canary) {
        List<String> names = new ArrayList<>();
        if (settings.against().slo()) {
            names.add(SLO);
        }
        if (settings.against().primary()) {
            if (!latency) {
                names.add(PRIMARY);
            } else if (canary.buckets().isEmpty()) {
                return List.of(); // the bucket bounds are not known yet: no tests until the canary has them
            } else {
                canary.buckets().forEach(b -> names.add("primary le " + fmt(b.le()) + "s"));
            }
        }
        ErrorRates rates = new ErrorRates(settings.alpha(), settings.beta()).split(Math.max(1, names.size()));
        return names.stream().map(n -> Statistic.start(n, rates)).toList();
    }

    private double events(RequestCounts counts, double le) {
        return Double.isNaN(le) ? counts.failures() : counts.slowerThan(le);
    }

    private static double delta(double now, double seen) {
        return Math.max(0, now - seen);
    }

    private static RequestCounts max(RequestCounts seen, RequestCounts now) {
        List<RequestCounts.Bucket> buckets = new ArrayList<>();
        for (RequestCounts.Bucket b : now.buckets()) {
            double before = seen.buckets().stream().filter(x -> x.le() == b.le()).mapToDouble(RequestCounts.Bucket::count)
                    .findFirst().orElse(0);
            buckets.add(new RequestCounts.Bucket(b.le(), Math.max(before, b.count())));
        }
        double requests = Math.max(seen.requests(), now.requests());
        return new RequestCounts(requests, Math.min(requests, Math.max(seen.failures(), now.failures())), buckets);
    }

    private static String fmt(double seconds) {
        return String.format(Locale.ROOT, "%s", seconds).replaceAll("\\.0$", "");
    }

    private static double leOf(String name) {
        return Double.parseDouble(name.substring("primary le ".length(), name.length() - 1));
    }
}
