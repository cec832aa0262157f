package dev.canary.engine.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Wald's SPRT against the worked numbers of p0 0.5 %, p1 2 %, alpha 1 %, beta 5 %. */
class RateTestTest {
    static final RateTest TEST = RateTest.forBound(0.01);
    static final ErrorRates RATES = ErrorRates.ofDefaults();

    @Test
    void placesTheIndifferenceZoneAtHalfAndTwiceTheAllowedRate() {
        assertThat(TEST.good()).isCloseTo(0.005, within(1e-12));
        assertThat(TEST.bad()).isCloseTo(0.02, within(1e-12));
        assertThat(RateTest.forBound(0.6).bad()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void weighsAFailureAndASuccessAsWaldDoes() {
        assertThat(TEST.perFailure()).isCloseTo(Math.log(4), within(1e-12)).isCloseTo(1.386, within(5e-4));
        assertThat(TEST.perSuccess()).isCloseTo(-0.01519, within(5e-6));
        assertThat(TEST.logLikelihoodRatio(3, 100)).isCloseTo(3 * Math.log(4) + 97 * Math.log(0.98 / 0.995),
                within(1e-12));
    }

    @Test
    void hasTheExpectedDriftsOfThePublishedExample() {
        // E1[z] = KL(p1||p0) = 0.01284 nats per request, E0[z] = -KL(p0||p1) = -0.00818
        assertThat(TEST.logLikelihoodRatio(0.02 * 1e6, 1e6) / 1e6).isCloseTo(0.01284, within(5e-6));
        assertThat(TEST.logLikelihoodRatio(0.005 * 1e6, 1e6) / 1e6).isCloseTo(-0.00818, within(5e-6));
        double wald = ((1 - 0.05) * Math.log(95) + 0.05 * Math.log(0.05 / 0.99)) / 0.012841;
        assertThat(wald).isCloseTo(325, within(1.0));
    }

    @Test
    void showsHarmAtFourFailuresWithinSixtyFiveRequestsAndNoHarmAfter198CleanOnes() {
        assertThat(RATES.upper()).isCloseTo(4.605, within(5e-4));
        assertThat(RATES.lower()).isCloseTo(-2.996, within(5e-4));
        assertThat(RATES.finding(TEST.logLikelihoodRatio(3, 3))).isEqualTo(Finding.UNDECIDED);
        assertThat(RATES.finding(TEST.logLikelihoodRatio(4, 65))).isEqualTo(Finding.HARM);
        assertThat(RATES.finding(TEST.logLikelihoodRatio(4, 66))).isEqualTo(Finding.UNDECIDED);
        assertThat(RATES.finding(TEST.logLikelihoodRatio(0, 197))).isEqualTo(Finding.UNDECIDED);
        assertThat(RATES.finding(TEST.logLikelihoodRatio(0, 198))).isEqualTo(Finding.NO_HARM);
    }

    /**
     * The failed requests a canary failing {@code p} of its requests serves, on average, before a test that looks
     * after every single request (no tick overshoot at all) shows harm at {@code upper}. Exact: harm can only be
     * shown by a failure; the f-th failure shows it when at most k(f) = floor((f ln 4 - upper) / 0.0152) successes
     * came before it, so the distribution of the successes seen before each failure (not yet shown) is carried on.
     */
    static double failuresBeforeHarm(double p, double upper) {
        double[] notYet = {1}; // probability of s successes before the last failure, harm not yet shown
        double expected = 0;
        for (int f = 1; f < 400; f++) {
            int k = (int) Math.floor((f * TEST.perFailure() - upper) / -TEST.perSuccess() + 1e-12);
            int size = notYet.length + 4000;
            double[] next = new double[size];
            for (int s = 0; s < notYet.length; s++) {
                double q = notYet[s] * p;
                for (int g = 0; s + g < size && q > 1e-18; g++, q *= 1 - p) {
                    next[s + g] += q;
                }
            }
            double left = 0;
            for (int s = 0; s < size; s++) {
                if (s <= k) {
                    expected += f * next[s];
                    next[s] = 0;
                }
                left += next[s];
            }
            notYet = next;
            if (left < 1e-12) {
                break;
            }
        }
        return expected;
    }

    @Test
    void evenLookingAfterEveryRequestAFivePercentCanaryServesMoreThanFiveFailuresAtHalfOfAlpha() {
        // docs/judgement.md, "Why errors-5 is not met": the SLO test's share of alpha 1 % is 0.5 % (bound ln 200)
        assertThat(failuresBeforeHarm(0.05, Math.log(200))).isCloseTo(5.381, within(0.001));
        assertThat(failuresBeforeHarm(0.05, Math.log(100))).isCloseTo(4.702, within(0.001));
        // the same by simulation, request by request
        SplittableRandom random = new SplittableRandom(5);
        double total = 0;
        for (int run = 0; run < 20_000; run++) {
            double llr = 0;
            while (llr < Math.log(200)) {
                boolean failed = random.nextDouble() < 0.05;
                llr += failed ? TEST.perFailure() : TEST.perSuccess();
                total += failed ? 1 : 0;
            }
        }
        assertThat(total / 20_000).isCloseTo(5.381, within(0.05));
    }

    @Test
    void countsNoRequestsAsNoEvidenceAndClampsInconsistentCounts() {
        assertThat(TEST.logLikelihoodRatio(0, 0)).isZero();
        assertThat(TEST.logLikelihoodRatio(-3, -1)).isZero();
        assertThat(TEST.logLikelihoodRatio(5, 2)).isEqualTo(TEST.logLikelihoodRatio(2, 2));
    }

    @Test
    void rejectsAnEmptyOrInvertedZone() {
        assertThatThrownBy(() -> new RateTest(0.02, 0.01)).hasMessageContaining("bad must be between good");
        assertThatThrownBy(() -> RateTest.forBound(1.5)).hasMessageContaining("allowed rate").hasMessageContaining("1.5");
        assertThatThrownBy(() -> new ErrorRates(0.7, 0.05)).hasMessageContaining("alpha").hasMessageContaining("0.7");
    }

    @Nested
    class MonteCarlo {
        /** One request at a time until a bound is crossed; returns true for harm. */
        boolean run(SplittableRandom random, double p) {
            double llr = 0;
            for (int n = 0; n < 100_000; n++) {
                llr += random.nextDouble() < p ? TEST.perFailure() : TEST.perSuccess();
                Finding f = RATES.finding(llr);
                if (f != Finding.UNDECIDED) {
                    return f == Finding.HARM;
                }
            }
            return false;
        }

        @Test
        void rollsBackAtMostAlphaOfGoodCanariesAndCatchesAtLeastOneMinusBetaOfBadOnes() {
            SplittableRandom random = new SplittableRandom(42);
            int runs = 4000;
            int falseAlarms = 0;
            int caught = 0;
            for (int i = 0; i < runs; i++) {
                falseAlarms += run(random, 0.005) ? 1 : 0;
                caught += run(random, 0.02) ? 1 : 0;
            }
            assertThat(falseAlarms / (double) runs).isLessThanOrEqualTo(0.01);
            assertThat(caught / (double) runs).isGreaterThanOrEqualTo(0.93);
        }
    }
}
