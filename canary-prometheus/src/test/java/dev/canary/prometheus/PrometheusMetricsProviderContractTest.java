package dev.canary.prometheus;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.canary.spec.MetricCheck;
import dev.canary.spi.MetricsProvider;
import dev.canary.testkit.AbstractMetricsProviderContractTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class PrometheusMetricsProviderContractTest extends AbstractMetricsProviderContractTest {
    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final WireMockPrometheus prometheus = new WireMockPrometheus(WM);

    @BeforeEach
    void stub() {
        prometheus.answer("sum(rate(http_requests_total[1m]))", Envelopes.vector("42.25"));
        prometheus.answer("sum(rate(nothing_total[1m]))", Envelopes.vector());
    }

    @AfterEach
    void close() {
        prometheus.closeAll();
    }

    @Override
    protected MetricsProvider provider() {
        return prometheus.provider();
    }

    @Override
    protected MetricsProvider unavailableProvider() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return prometheus.track(prometheus.builder().address("http://127.0.0.1:" + socket.getLocalPort()).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected MetricCheck checkWithValue() {
        return MetricCheck.builder("requests").query("sum(rate(http_requests_total[{{ interval }}]))").build();
    }

    @Override
    protected double expectedValue() {
        return 42.25;
    }

    @Override
    protected MetricCheck checkWithNoData() {
        return MetricCheck.builder("nothing").query("sum(rate(nothing_total[{{ interval }}]))").build();
    }
}
