package dev.canary.prometheus.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.function.BiFunction;

/**
 * A way Prometheus misbehaves, as WireMock stubs for the two queries of the fault spec. {@code error} says
 * whether the provider sees it as an error (counted per {@code onError}) or as no data ({@code onNoData}).
 */
enum MetricsFault {
    NONE("none (control)", false, (q, healthy) -> healthy),
    REFUSED("connection refused", true, null),
    RESET("connection reset", true, (q, h) -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
    HTTP_500("HTTP 500 echoing the token", true, (q, h) -> aResponse().withStatus(500)
            .withBody("internal error; request had Authorization: Bearer " + MetricsFaultsTest.TOKEN)),
    SLOW("slow answer (1.5 s)", true, (q, h) -> h.withFixedDelay(1_500)),
    GARBAGE("garbage body echoing the token", true, (q, h) -> aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"token\":\""
                    + MetricsFaultsTest.TOKEN + "\",\"value\":[1,")),
    EMPTY("empty result", false, (q, h) -> okJson(vector())),
    NAN("NaN", false, (q, h) -> okJson(vector("NaN"))),
    INFINITE("+Inf success rate, -Inf latency", false,
            (q, h) -> okJson(vector(q.equals(MetricsFaultsTest.SUCCESS) ? "+Inf" : "-Inf"))),
    DRIBBLE("body dribbled over 2 s", true, (q, h) -> h.withChunkedDribbleDelay(20, 2_000)),
    FLAPPING("HTTP 500 on 2 ticks of 3", true, (q, h) -> aResponse().withStatus(500).withBody("flap"));

    final String text;
    final boolean error;
    private final BiFunction<String, ResponseDefinitionBuilder, ResponseDefinitionBuilder> response;

    MetricsFault(String text, boolean error,
            BiFunction<String, ResponseDefinitionBuilder, ResponseDefinitionBuilder> response) {
        this.text = text;
        this.error = error;
        this.response = response;
    }

    /** Makes {@code wm} answer both queries with this fault (or healthily, for {@link #NONE}). */
    void stub(WireMockExtension wm) {
        wm.resetAll();
        for (String query : new String[] {MetricsFaultsTest.SUCCESS, MetricsFaultsTest.LATENCY}) {
            ResponseDefinitionBuilder healthy = okJson(vector("100"));
            wm.stubFor(post(urlPathEqualTo("/api/v1/query")).withFormParam("query", equalTo(query))
                    .willReturn(response == null ? healthy : response.apply(query, healthy)));
        }
    }

    /** Whether the fault is on before task {@code n} (a flapping fault is off every third task). */
    boolean onAt(int n, int healAt) {
        return this == FLAPPING ? n % 3 != 0 : n < healAt;
    }

    /** The answer of a combined count query: requests and failures, each series tagged with its part. */
    static String counts(String requests, String failures) {
        return vector(requests, failures).replaceFirst("\\{}", "{\"canary_count\":\"requests\"}")
                .replaceFirst("\\{}", "{\"canary_count\":\"failures\"}");
    }

    static String vector(String... values) {
        StringBuilder result = new StringBuilder();
        for (String v : values) {
            result.append(result.length() == 0 ? "" : ",").append("{\"metric\":{},\"value\":[1700000000,\"")
                    .append(v).append("\"]}");
        }
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + result + "]}}";
    }
}
