package dev.canary.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TraefikQueriesTest {
    private static final String CANARY = "demo-canary-podinfo-canary-80@kubernetescrd";

    @Test
    void successRateIsTheNon5xxRateOverTheTotalRateAsFlaggerComputesIt() {
        assertThat(TraefikQueries.successRate(CANARY, Duration.ofMinutes(1))).isEqualTo(
                "sum(rate(traefik_service_request_duration_seconds_bucket{service=\"" + CANARY + "\",code!~\"5..\","
                        + "le=\"+Inf\"}[1m])) / sum(rate(traefik_service_request_duration_seconds_bucket{service=\""
                        + CANARY + "\",le=\"+Inf\"}[1m])) * 100");
    }

    @Test
    void durationIsTheP99OfTheHistogramInMilliseconds() {
        assertThat(TraefikQueries.p99Millis(CANARY, Duration.ofSeconds(30))).isEqualTo(
                "histogram_quantile(0.99, sum(rate(traefik_service_request_duration_seconds_bucket{service=\""
                        + CANARY + "\"}[30s])) by (le)) * 1000");
    }

    @Test
    void requestCountIsTheIncreaseOfTheInfBucket() {
        assertThat(TraefikQueries.requestCount(CANARY, Duration.ofMinutes(90))).isEqualTo(
                "sum(increase(traefik_service_request_duration_seconds_bucket{service=\"" + CANARY
                        + "\",le=\"+Inf\"}[1h30m]))");
    }

    @Test
    void theCountsAreIncreasesOfThe5xxInfBucketAndOfEveryBucketByLe() {
        assertThat(TraefikQueries.failures(CANARY, Duration.ofSeconds(95))).isEqualTo(
                "sum(increase(traefik_service_request_duration_seconds_bucket{service=\"" + CANARY
                        + "\",code=~\"5..\",le=\"+Inf\"}[1m35s]))");
        assertThat(TraefikQueries.buckets(CANARY, Duration.ofSeconds(95))).isEqualTo(
                "sum by (le) (increase(traefik_service_request_duration_seconds_bucket{service=\"" + CANARY
                        + "\"}[1m35s]))");
    }

    @Test
    void theServiceNameIsInsertedAsAnEscapedLiteral() {
        assertThat(TraefikQueries.requestCount("a\"b", Duration.ofMinutes(1))).contains("{service=\"a\\\"b\",");
    }
}
