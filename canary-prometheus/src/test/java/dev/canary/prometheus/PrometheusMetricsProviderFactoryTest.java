package dev.canary.prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.canary.spi.MetricsProvider;
import dev.canary.spi.ProviderConfig;
import java.time.Instant;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PrometheusMetricsProviderFactoryTest {
    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final PrometheusMetricsProviderFactory factory = new PrometheusMetricsProviderFactory();

    @Test
    void isFoundByServiceLoaderUnderTheNamePrometheus() {
        assertThat(ServiceLoader.load(MetricsProvider.Factory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(f -> {
                    assertThat(f.name()).isEqualTo("prometheus");
                    assertThat(f).isInstanceOf(PrometheusMetricsProviderFactory.class);
                });
    }

    @Test
    void defaultsToFlaggersAddress() {
        try (PrometheusMetricsProvider provider = factory.create(ProviderConfig.EMPTY)) {
            assertThat(provider.toString()).contains("address=http://prometheus:9090");
        }
    }

    @Nested
    class Settings {
        @Test
        void appliesAddressTokenHeadersAndTimeouts() {
            WM.stubFor(post(urlPathEqualTo("/api/v1/query")).willReturn(okJson(Envelopes.vector("1"))));
            try (PrometheusMetricsProvider provider = factory.create(ProviderConfig.of(Map.of(
                    "address", WM.baseUrl(), "token", "t0ken-value", "header.X-Scope-OrgID", "tenant-1",
                    "timeout", "3s", "queryTimeout", "2500ms", "retry.maxAttempts", "1", "traefikNaming", "file")))) {
                provider.queryInstant("up", Instant.EPOCH);
                assertThat(provider.toString()).contains("traefikNaming=file");
            }
            WM.verify(postRequestedFor(urlPathEqualTo("/api/v1/query"))
                    .withHeader("Authorization", equalTo("Bearer t0ken-value"))
                    .withHeader("X-Scope-OrgID", equalTo("tenant-1"))
                    .withFormParam("timeout", equalTo("2s500ms")));
        }

        @Test
        void appliesBasicAuth() {
            WM.stubFor(post(urlPathEqualTo("/api/v1/query")).willReturn(okJson(Envelopes.vector("1"))));
            try (PrometheusMetricsProvider provider = factory.create(ProviderConfig.of(Map.of(
                    "address", WM.baseUrl(), "username", "admin", "password", "pa55word")))) {
                provider.queryInstant("up", Instant.EPOCH);
            }
            WM.verify(postRequestedFor(urlPathEqualTo("/api/v1/query"))
                    .withHeader("Authorization", equalTo("Basic YWRtaW46cGE1NXdvcmQ=")));
        }

        @Test
        void reportsEveryInvalidSettingAtOnce() {
            assertThatThrownBy(() -> factory.create(ProviderConfig.of(Map.of(
                    "adress", "http://x", "timeout", "soon", "retry.maxAttempts", "three", "insecureSkipVerify", "yes",
                    "traefikNaming", "crd", "username", "admin", "retry.multiplier", "x", "connectTimeout", "0s"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown setting 'adress'")
                    .hasMessageContaining("timeout: 'soon' is not a duration")
                    .hasMessageContaining("retry.maxAttempts must be a whole number but was 'three'")
                    .hasMessageContaining("insecureSkipVerify: must be true or false but was 'yes'")
                    .hasMessageContaining("traefikNaming must be 'kubernetescrd' or 'file'")
                    .hasMessageContaining("username and password must be set together")
                    .hasMessageContaining("retry.multiplier must be a number")
                    .hasMessageContaining("connectTimeout must be more than 0 and at most 5m but was PT0S");
        }

        @Test
        void invalidValuesOfTheBuilderAreReportedToo() {
            assertThatThrownBy(() -> factory.create(ProviderConfig.of(Map.of("retry.maxAttempts", "0",
                    "address", "ftp:/nope"))))
                    .hasMessageContaining("maxAttempts must be at least 1 but was 0")
                    .hasMessageContaining("address must be an http:// or https:// URL");
        }

        @Test
        void secretsNeverAppearInSettingErrors() {
            assertThatThrownBy(() -> factory.create(ProviderConfig.of(Map.of("token", "t0ken-value",
                    "password", "pa55word", "bogus", "1"))))
                    .message().doesNotContain("t0ken-value").doesNotContain("pa55word");
        }
    }
}
