package dev.canary.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.and;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.Locale;

/**
 * WireMock standing in for Prometheus: it answers the builtin Traefik checks of the seed canary, and only for the
 * canary's Traefik service ({@value #CANARY_SERVICE}), so a query for any other service gets no answer (404) and
 * fails the check.
 */
final class PrometheusStub {
    static final String CANARY_SERVICE = "demo-canary-podinfo-canary-80@kubernetescrd";

    private PrometheusStub() {
    }

    /** Answers the success rate, the p99 latency (ms) and the request count behind {@code samples}. */
    static void answer(WireMockExtension wm, double successRate, double p99Millis, long requests) {
        wm.resetAll();
        String service = "service=\"" + CANARY_SERVICE + "\"";
        wm.stubFor(post(urlPathEqualTo("/api/v1/query")).atPriority(1)
                .withFormParam("query", and(containing("histogram_quantile(0.99"), containing(service)))
                .willReturn(okJson(vector(p99Millis))));
        wm.stubFor(post(urlPathEqualTo("/api/v1/query")).atPriority(1)
                .withFormParam("query", and(containing("sum(increase("), containing(service)))
                .willReturn(okJson(vector(requests))));
        wm.stubFor(post(urlPathEqualTo("/api/v1/query")).atPriority(2)
                .withFormParam("query", and(containing("code!~\"5..\""), containing(service)))
                .willReturn(okJson(vector(successRate))));
    }

    private static String vector(double value) {
        return String.format(Locale.ROOT, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                + "[{\"metric\":{},\"value\":[1700000000,\"%s\"]}]}}", value);
    }
}
