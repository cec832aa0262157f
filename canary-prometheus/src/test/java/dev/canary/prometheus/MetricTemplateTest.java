package dev.canary.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricTemplateTest {

    @Test
    void isKeyedByNamespaceAndName() {
        assertThat(MetricTemplate.of("monitoring", "error-rate", "up").key()).isEqualTo("monitoring/error-rate");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> new MetricTemplate("Bad_Name", "ns x", " ", "not a url", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name must be a Kubernetes name")
                .hasMessageContaining("namespace must be a Kubernetes name")
                .hasMessageContaining("query must not be blank")
                .hasMessageContaining("address must be an http(s) URL");
    }

    @Test
    void refusesCredentialsInTheAddressAndHeadersWithoutAnAddress() {
        assertThatThrownBy(() -> MetricTemplate.of("ns", "t", "up").withAddress("http://u:p@h:9090", Map.of()))
                .hasMessageContaining("without credentials");
        assertThatThrownBy(() -> new MetricTemplate("t", "ns", "up", null, Map.of("X", "y")))
                .hasMessageContaining("headers are only sent to a template's own address");
    }

    @Test
    void toStringShowsHeaderNamesButNeverTheirValues() {
        MetricTemplate t = MetricTemplate.of("ns", "t", "up")
                .withAddress("http://thanos:9090", Map.of("Authorization", "Bearer s3cr3t"));
        assertThat(t.toString()).contains("Authorization").contains("http://thanos:9090").doesNotContain("s3cr3t");
    }
}
