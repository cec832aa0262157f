package dev.canary.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraefikMetricsTest {
    private static final String PRIMARY = "demo-podinfo-primary-80@kubernetescrd";
    private static final String CANARY = "demo-podinfo-canary-80@kubernetescrd";
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private final TraefikMetrics metrics = new TraefikMetrics(Map.of(Upstream.PRIMARY, PRIMARY,
            Upstream.CANARY, CANARY));

    private void record(Upstream upstream, int status, long millis) {
        metrics.record(ProxiedRequest.served(upstream, status, Duration.ofMillis(millis), NOW), "GET");
    }

    @Test
    void namesKubernetesServicesAsTraefikDoes() {
        assertThat(TraefikMetrics.kubernetesServiceName("demo", "podinfo-canary", 80)).isEqualTo(CANARY);
    }

    @Test
    void countsRequestsPerServiceAndCode() {
        record(Upstream.CANARY, 200, 5);
        record(Upstream.CANARY, 200, 5);
        record(Upstream.CANARY, 500, 5);
        record(Upstream.PRIMARY, 200, 5);
        assertThat(metrics.render())
                .contains("# TYPE traefik_service_requests_total counter\n")
                .contains("traefik_service_requests_total{code=\"200\",method=\"GET\",protocol=\"http\",service=\""
                        + CANARY + "\"} 2\n")
                .contains("traefik_service_requests_total{code=\"500\",method=\"GET\",protocol=\"http\",service=\""
                        + CANARY + "\"} 1\n")
                .contains("traefik_service_requests_total{code=\"200\",method=\"GET\",protocol=\"http\",service=\""
                        + PRIMARY + "\"} 1\n");
    }

    @Test
    void fillsCumulativeDurationBucketsInSecondsWithTraefiksDefaultBounds() {
        record(Upstream.CANARY, 200, 50);
        record(Upstream.CANARY, 200, 200);
        record(Upstream.CANARY, 200, 2000);
        String labels = "code=\"200\",method=\"GET\",protocol=\"http\",service=\"" + CANARY + "\"";
        String bucket = "traefik_service_request_duration_seconds_bucket{" + labels;
        assertThat(metrics.render())
                .contains("# TYPE traefik_service_request_duration_seconds histogram\n")
                .contains(bucket + ",le=\"0.1\"} 1\n")
                .contains(bucket + ",le=\"0.3\"} 2\n")
                .contains(bucket + ",le=\"1.2\"} 2\n")
                .contains(bucket + ",le=\"5\"} 3\n")
                .contains(bucket + ",le=\"+Inf\"} 3\n")
                .contains("traefik_service_request_duration_seconds_sum{" + labels + "} 2.25\n")
                .contains("traefik_service_request_duration_seconds_count{" + labels + "} 3\n");
    }

    @Test
    void needsALabelForEveryUpstream() {
        assertThatThrownBy(() -> new TraefikMetrics(Map.of(Upstream.PRIMARY, PRIMARY)))
                .hasMessage("no service label for CANARY");
    }
}
