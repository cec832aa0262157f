package dev.canary.engine.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The conditional count test against hand-computed values and the published two-sample numbers. */
class RatioTestTest {

    @Test
    void givesTheProbabilityThatAnEventCameFromTheCanary() {
        assertThat(RatioTest.theta(1, 0.2)).isCloseTo(0.2, within(1e-12));
        assertThat(RatioTest.theta(2, 0.2)).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(RatioTest.theta(4, 0.1)).isCloseTo(0.4 / 1.3, within(1e-12));
    }

    @Test
    void weighsCanaryAndPrimaryEventsByTheTicksShare() {
        RatioTest test = RatioTest.ofDefaults();
        assertThat(test.logLikelihoodRatio(1, 0, 0.2)).isCloseTo(Math.log(5 / 3.0), within(1e-12))
                .isCloseTo(0.5108, within(5e-5));
        assertThat(test.logLikelihoodRatio(0, 1, 0.2)).isCloseTo(Math.log(5 / 6.0), within(1e-12));
        assertThat(test.logLikelihoodRatio(3, 7, 0.5)).isCloseTo(3 * Math.log(4 / 3.0) + 7 * Math.log(2 / 3.0),
                within(1e-12));
    }

    @Test
    void needsAboutTwentyFiveErrorsToCatchAFourTimesWorseTenPercentCanary() {
        // published: 10 % canary, p1/p0 = 4: Wald's E[N|H1] = 25.4 errors; 50 % canary: 21.7 errors
        assertThat(expectedErrors(0.1)).isCloseTo(25.4, within(0.1));
        assertThat(expectedErrors(0.5)).isCloseTo(21.7, within(0.1));
    }

    private static double expectedErrors(double share) {
        RatioTest test = new RatioTest(1, 4);
        double theta = RatioTest.theta(4, share);
        double kl = test.logLikelihoodRatio(theta, 1 - theta, share);
        return (0.95 * Math.log(95) + 0.05 * Math.log(0.05 / 0.99)) / kl;
    }

    @Test
    void takesNoEvidenceFromATickWhereOneVersionServedNothing() {
        RatioTest test = RatioTest.ofDefaults();
        assertThat(test.logLikelihoodRatio(5, 0, 1.0)).isZero();
        assertThat(test.logLikelihoodRatio(0, 5, 0.0)).isZero();
        assertThat(test.logLikelihoodRatio(5, 5, Double.NaN)).isZero();
        assertThat(RatioTest.share(0, 0)).isNaN();
        assertThat(RatioTest.share(20, 80)).isEqualTo(0.2);
    }

    @Test
    void rejectsABadRatioNotAboveTheGoodOne() {
        assertThatThrownBy(() -> new RatioTest(2, 2)).hasMessageContaining("bad must be a ratio above good");
        assertThatThrownBy(() -> new RatioTest(0, 2)).hasMessageContaining("good must be a ratio above 0");
    }
}
