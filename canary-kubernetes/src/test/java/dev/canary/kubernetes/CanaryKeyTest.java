package dev.canary.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanaryKeyTest {

    @Test
    void splitsNamespaceAndName() {
        assertThat(CanaryKey.parse("demo/podinfo")).isEqualTo(new CanaryKey("demo", "podinfo"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"podinfo", "/podinfo", "demo/", "a/b/c", ""})
    void rejectsAnythingElseNamingTheExpectedForm(String key) {
        assertThatThrownBy(() -> CanaryKey.parse(key)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("namespace/name").hasMessageContaining("'" + key + "'");
    }
}
