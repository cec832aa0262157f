package dev.canary.prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A WireMock server standing in for Prometheus, and providers pointed at it that are closed after each test. */
final class WireMockPrometheus {
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    static final String QUERY_PATH = "/api/v1/query";

    private final WireMockExtension wm;
    private final List<PrometheusMetricsProvider> open = new ArrayList<>();

    WireMockPrometheus(WireMockExtension wm) {
        this.wm = wm;
    }

    /** A builder for this server with a fixed clock and tiny retry backoff. */
    PrometheusMetricsProvider.Builder builder() {
        return PrometheusMetricsProvider.builder().address(wm.baseUrl()).clock(CLOCK)
                .backoff(Duration.ofMillis(1), 2, Duration.ofMillis(4));
    }

    PrometheusMetricsProvider provider() {
        return track(builder().build());
    }

    PrometheusMetricsProvider track(PrometheusMetricsProvider provider) {
        open.add(provider);
        return provider;
    }

    void answer(String promql, String body) {
        answer(promql, okJson(body));
    }

    void answer(String promql, ResponseDefinitionBuilder response) {
        wm.stubFor(post(urlPathEqualTo(QUERY_PATH)).withFormParam("query", equalTo(promql)).willReturn(response));
    }

    void closeAll() {
        open.forEach(PrometheusMetricsProvider::close);
        open.clear();
    }
}
