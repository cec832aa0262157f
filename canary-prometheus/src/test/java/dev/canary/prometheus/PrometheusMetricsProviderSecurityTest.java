package dev.canary.prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spec.MetricTemplate;
import dev.canary.spec.ObjectRef;
import dev.canary.spi.MetricQuery;
import dev.canary.testkit.ContractSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Credentials are sent, never shown; TLS is verified unless told otherwise. */
class PrometheusMetricsProviderSecurityTest {
    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final WireMockPrometheus prometheus = new WireMockPrometheus(WM);

    @AfterEach
    void close() {
        prometheus.closeAll();
    }

    static MetricResult ask(PrometheusMetricsProvider provider) {
        return provider.query(MetricQuery.canary(ContractSpecs.seed(), MetricCheck.builder("c").query("up").build()));
    }

    @Nested
    class Authentication {
        @Test
        void sendsTheBearerToken() {
            prometheus.answer("up", Envelopes.vector("1"));
            ask(prometheus.track(prometheus.builder().bearerToken("t0ken-value").build()));
            WM.verify(postRequestedFor(urlPathEqualTo("/api/v1/query"))
                    .withHeader("Authorization", equalTo("Bearer t0ken-value")));
        }

        @Test
        void sendsBasicAuthentication() {
            prometheus.answer("up", Envelopes.vector("1"));
            ask(prometheus.track(prometheus.builder().basicAuth("admin", "pa55word").build()));
            String expected = "Basic " + Base64.getEncoder().encodeToString("admin:pa55word".getBytes());
            WM.verify(postRequestedFor(urlPathEqualTo("/api/v1/query")).withHeader("Authorization", equalTo(expected)));
        }

        @Test
        void sendsExtraHeaders() {
            prometheus.answer("up", Envelopes.vector("1"));
            ask(prometheus.track(prometheus.builder().header("X-Scope-OrgID", "tenant-1").build()));
            WM.verify(postRequestedFor(urlPathEqualTo("/api/v1/query"))
                    .withHeader("X-Scope-OrgID", equalTo("tenant-1")));
        }

        @Test
        void refusesConflictingCredentialsListingEveryProblemWithoutShowingThem() {
            assertThatThrownBy(() -> PrometheusMetricsProvider.builder().address("http://u:hunter22@h:9090")
                    .bearerToken("t0ken-value").basicAuth("u", "hunter22")
                    .header("Authorization", "Bearer other-secret").build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("address must not hold credentials")
                    .hasMessageContaining("either a bearer token or basic auth")
                    .hasMessageContaining("header Authorization conflicts")
                    .message().doesNotContain("hunter22").doesNotContain("t0ken-value").doesNotContain("other-secret");
        }
    }

    @Nested
    class Redaction {
        @Test
        void secretsEchoedByTheServerNeverReachTheFailure() {
            String basic = Base64.getEncoder().encodeToString("admin:pa55word".getBytes());
            prometheus.answer("up", aResponse().withStatus(403).withBody("denied: Authorization: Basic " + basic
                    + " pa55word tenant-1"));
            MetricResult result = ask(prometheus.track(prometheus.builder().basicAuth("admin", "pa55word")
                    .header("X-Scope-OrgID", "tenant-1").build()));
            assertThat(result).isInstanceOfSatisfying(MetricResult.Failed.class, f -> assertThat(f.message())
                    .contains("denied: Authorization: ***")
                    .doesNotContain(basic).doesNotContain("pa55word").doesNotContain("tenant-1"));
        }

        @Test
        void secretsInPrometheusErrorFieldAndWarningsAreMasked() {
            prometheus.answer("up", okJson(Envelopes.withWarnings(Envelopes.vector("1"), "token t0ken-value seen")));
            MetricResult result = ask(prometheus.track(prometheus.builder().bearerToken("t0ken-value").build()));
            assertThat(result.source()).contains("token *** seen").doesNotContain("t0ken-value");
        }
    }

    @Nested
    class Tls {
        @TempDir
        static Path dir;
        static WireMockServer https;
        static Path caFile;

        @BeforeAll
        static void startHttps() throws Exception {
            TestCertificates.Generated cert = TestCertificates.selfSigned(dir);
            caFile = cert.pem();
            https = new WireMockServer(wireMockConfig().dynamicPort().dynamicHttpsPort()
                    .keystorePath(cert.keystore().toString()).keystorePassword(TestCertificates.PASSWORD)
                    .keyManagerPassword(TestCertificates.PASSWORD).keystoreType("PKCS12"));
            https.start();
            https.stubFor(post(urlPathEqualTo("/api/v1/query")).willReturn(okJson(Envelopes.vector("1"))));
        }

        @AfterAll
        static void stopHttps() {
            https.stop();
        }

        String address() {
            return "https://127.0.0.1:" + https.httpsPort();
        }

        @Test
        void verifiesCertificatesByDefault() {
            MetricResult result = ask(prometheus.track(prometheus.builder().address(address()).build()));
            assertThat(result).isInstanceOfSatisfying(MetricResult.Failed.class,
                    f -> assertThat(f.message()).contains("TLS with Prometheus at").contains("caFile"));
        }

        @Test
        void trustsTheCertificatesOfTheCaFile() {
            MetricResult result = ask(prometheus.track(prometheus.builder().address(address()).caFile(caFile).build()));
            assertThat(result).isInstanceOfSatisfying(MetricResult.Value.class,
                    v -> assertThat(v.value()).isEqualTo(1));
        }

        @Test
        void insecureSkipVerifyAcceptsAnyCertificate() {
            PrometheusMetricsProvider provider = prometheus.track(prometheus.builder().address(address())
                    .insecureSkipVerify(true).build());
            assertThat(provider.queryInstant("up", Instant.EPOCH)).isInstanceOf(QueryResult.Vector.class);
        }

        @Test
        void aTemplateWithInsecureSkipVerifyAcceptsAnyCertificateOfItsOwnServerOnly() {
            MetricTemplate template = MetricTemplate.prometheus("demo-canary", "up", "up").withAddress(address(),
                    Map.of());
            MetricTemplate insecure = new MetricTemplate("up-insecure", "demo-canary", new MetricTemplate.Provider(
                    "prometheus", address(), Map.of(), null, true), "up");
            PrometheusMetricsProvider provider = prometheus.track(prometheus.builder().template(template)
                    .template(insecure).build());

            assertThat(askTemplate(provider, "up-insecure")).isInstanceOfSatisfying(MetricResult.Value.class,
                    v -> assertThat(v.value()).isEqualTo(1));
            assertThat(askTemplate(provider, "up")).isInstanceOfSatisfying(MetricResult.Failed.class,
                    f -> assertThat(f.message()).contains("TLS"));
        }

        private MetricResult askTemplate(PrometheusMetricsProvider provider, String name) {
            return provider.query(MetricQuery.canary(ContractSpecs.seed(), MetricCheck.builder(name)
                    .templateRef(ObjectRef.of(name)).build()));
        }

        @Test
        void anUnreadableCaFileIsASettingsError() throws Exception {
            Path notPem = Files.writeString(dir.resolve("bad.pem"), "not a certificate");
            assertThatThrownBy(() -> prometheus.builder().caFile(notPem).build())
                    .hasMessageContaining("caFile " + notPem);
            assertThatThrownBy(() -> prometheus.builder().caFile(dir.resolve("missing.pem")).build())
                    .hasMessageContaining("missing.pem");
        }

        @Test
        void insecureSkipVerifyCannotBeCombinedWithACaFile() {
            assertThatThrownBy(() -> prometheus.builder().caFile(caFile).insecureSkipVerify(true).build())
                    .hasMessageContaining("cannot be combined with caFile");
        }
    }
}
