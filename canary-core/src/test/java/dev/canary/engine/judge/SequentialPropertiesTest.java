package dev.canary.engine.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.canary.spec.RequestCounts;
import dev.canary.spec.SequentialSpec;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The tests stay valid whatever the traffic does: their likelihood ratios are martingales under "no harm" for any
 * share and traffic level, and an A/A canary (canary = primary) under random weight schedules and traffic swings
 * is rolled back in at most about alpha of the runs.
 */
class SequentialPropertiesTest {
    static final long SEED = Long.getLong("canary.qt.seed", 0x5EED_CA4A_4DL);

    @Test
    void theRatioTestsLikelihoodRatioHasExpectationOneUnderNoHarmForAnyShare() {
        qt().withFixedSeed(SEED).withExamples(300)
                .forAll(doubles().between(0.005, 0.995), integers().between(0, 80), doubles().between(0.5, 3))
                .checkAssert((share, events, good) -> {
                    RatioTest test = new RatioTest(good, good * 2);
                    double theta = RatioTest.theta(good, share);
                    assertThat(expectation(events, theta, c -> test.logLikelihoodRatio(c, events - c, share)))
                            .isCloseTo(1.0, within(1e-9));
                });
    }

    @Test
    void theRateTestsLikelihoodRatioHasExpectationOneAtTheGoodRate() {
        qt().withFixedSeed(SEED).withExamples(300)
                .forAll(doubles().between(0.001, 0.2), integers().between(0, 400))
                .checkAssert((allowed, requests) -> {
                    RateTest test = RateTest.forBound(allowed);
                    assertThat(expectation(requests, test.good(), f -> test.logLikelihoodRatio(f, requests)))
                            .isCloseTo(1.0, within(1e-9));
                });
    }

    /** E[exp(llr(X))] for X ~ Binomial(n, p). */
    private static double expectation(int n, double p, java.util.function.IntToDoubleFunction llr) {
        double sum = 0;
        double logPmf = n * Math.log1p(-p);
        for (int k = 0; k <= n; k++) {
            if (k > 0) {
                logPmf += Math.log((n - k + 1) / (double) k) + Math.log(p) - Math.log1p(-p);
            }
            sum += Math.exp(logPmf + llr.applyAsDouble(k));
        }
        return sum;
    }

    @Test
    void anAaCanaryIsRolledBackInAtMostAlphaOfRunsUnderRandomWeightsAndTraffic() {
        double alpha = 0.05;
        int replications = 400;
        double slack = 3 * Math.sqrt(alpha * (1 - alpha) / replications);
        qt().withFixedSeed(SEED).withExamples(8)
                .forAll(lists().of(integers().between(1, 99)).ofSizeBetween(5, 40),
                        lists().of(integers().between(0, 3000)).ofSize(40), doubles().between(0.002, 0.03))
                .checkAssert((weights, traffic, rate) -> {
                    SequentialSpec settings = SequentialSpec.builder().against(SequentialSpec.Baseline.BOTH)
                            .alpha(alpha).allowedRate(rate * 2).build();
                    SequentialJudge judge = new SequentialJudge(settings, false, rate * 2, Double.NaN);
                    SplittableRandom random = new SplittableRandom(weights.hashCode() * 31L + traffic.hashCode());
                    int harmed = 0;
                    for (int r = 0; r < replications; r++) {
                        harmed += aaRun(judge, weights, traffic, rate, random) ? 1 : 0;
                    }
                    assertThat(harmed / (double) replications).isLessThanOrEqualTo(alpha + slack);
                });
    }

    /** One run: each tick has its own weight and traffic level; both versions fail at {@code rate}. */
    private static boolean aaRun(SequentialJudge judge, List<Integer> weights, List<Integer> traffic, double rate,
            SplittableRandom random) {
        double cr = 0;
        double cf = 0;
        double pr = 0;
        double pf = 0;
        CheckStatistics stats = null;
        for (int t = 0; t < weights.size(); t++) {
            double total = traffic.get(t);
            double canary = Math.round(total * weights.get(t) / 100.0);
            cr += canary;
            pr += total - canary;
            cf += poisson(random, canary * rate);
            pf += poisson(random, (total - canary) * rate);
            stats = judge.update(stats, RequestCounts.of(cr, Math.min(cf, cr)), RequestCounts.of(pr, Math.min(pf, pr)));
            if (stats.finding() == Finding.HARM) {
                return true;
            }
        }
        return false;
    }

    static int poisson(SplittableRandom random, double mean) {
        if (mean > 50) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
