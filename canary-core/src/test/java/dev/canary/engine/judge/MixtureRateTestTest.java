package dev.canary.engine.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.canary.spec.MetricCheck;
import dev.canary.spec.RequestCounts;
import dev.canary.spec.SequentialSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class MixtureRateTestTest {
    final MixtureRateTest test = MixtureRateTest.doublings(0.005);

    @Test
    void averagesTheDoublingsOfGoodUpToAHalf() {
        assertThat(test.alternatives()).hasSize(6);
        assertThat(test.alternatives().get(0)).isCloseTo(0.01, within(1e-12));
        assertThat(test.alternatives().get(5)).isCloseTo(0.32, within(1e-12));
    }

    @Test
    void matchesHandComputedValues() {
        // log of (1/6) sum_k (p_k/0.005)^f ((1-p_k)/0.995)^(n-f), p_k = 1, 2, 4, 8, 16, 32 %
        assertThat(test.logEValue(2, 10)).isCloseTo(4.7034, within(1e-4));
        assertThat(test.logEValue(5, 100)).isCloseTo(5.7937, within(1e-4));
        assertThat(test.logEValue(8, 400)).isCloseTo(3.5972, within(1e-4));
        assertThat(test.logEValue(3, 40)).isCloseTo(4.3549, within(1e-4));
        assertThat(test.logEValue(0, 0)).isZero();
        // one alternative: Wald's log likelihood ratio
        MixtureRateTest single = new MixtureRateTest(0.005, List.of(0.02));
        assertThat(single.logEValue(3, 100)).isCloseTo(RateTest.forBound(0.01).logLikelihoodRatio(3, 100),
                within(1e-12));
    }

    @Test
    void hasExpectationOneWhenTheRateIsGood() {
        for (int n : new int[] {1, 10, 60}) {
            double expectation = 0;
            for (int f = 0; f <= n; f++) {
                expectation += binomial(n, f, 0.005) * Math.exp(test.logEValue(f, n));
            }
            assertThat(expectation).as("n = %d", n).isCloseTo(1, within(1e-9));
        }
    }

    @Test
    void showsHarmWithTheMixtureAndNoHarmWithTheSprtsLowerBound() {
        SequentialJudge judge = SequentialJudge.of(MetricCheck.successRate(99), SequentialSpec.builder()
                .against(SequentialSpec.Baseline.SLO).sloTest(SequentialSpec.SloTest.MIXTURE).build());
        CheckStatistics s = judge.update(null, RequestCounts.of(10, 1), null);
        assertThat(s.finding()).isEqualTo(Finding.UNDECIDED);
        // against the SLO alone the bound is ln(1/0.01) = 4.605: 2 failures in 10 requests reach it (4.703), where
        // the SPRT has 2 ln 4 - 8 x 0.01519 = 2.651
        CheckStatistics harm = judge.update(s, RequestCounts.of(10, 2), null);
        assertThat(harm.tests().get(0).logLikelihoodRatio()).isCloseTo(4.7034, within(1e-4));
        assertThat(harm.finding()).isEqualTo(Finding.HARM);
        assertThat(harm.tests().get(0).canaryEvents()).isEqualTo(2);
        CheckStatistics clean = judge.update(null, RequestCounts.of(198, 0), null);
        assertThat(clean.finding()).isEqualTo(Finding.NO_HARM); // 198 x ln(0.98/0.995) = -3.008 <= ln 0.05
        assertThat(judge.update(null, RequestCounts.of(196, 0), null).finding()).isEqualTo(Finding.UNDECIDED);
    }

    @Test
    void refusesRatesOutsideTheZone() {
        assertThatThrownBy(() -> new MixtureRateTest(0.01, List.of(0.005))).hasMessageContaining("alternatives");
        assertThatThrownBy(() -> MixtureRateTest.doublings(0.3)).hasMessageContaining("good must be");
    }

    private static double binomial(int n, int k, double p) {
        double c = 1;
        for (int i = 0; i < k; i++) {
            c = c * (n - i) / (i + 1);
        }
        return c * Math.pow(p, k) * Math.pow(1 - p, n - k);
    }
}
