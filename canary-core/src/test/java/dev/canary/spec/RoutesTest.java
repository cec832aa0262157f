package dev.canary.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.spi.ProviderConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutesTest {
    @Test
    void weightsMustAddUpTo100() {
        assertThatThrownBy(() -> new Routes(50, 60, false))
                .hasMessage("weights must be within 0..100 and add up to 100 but were primary 50, canary 60");
        assertThatThrownBy(() -> Routes.canary(-5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Routes.canary(30)).isEqualTo(new Routes(70, 30, false));
    }

    @Test
    void providerConfigRedactsSecrets() {
        ProviderConfig config = ProviderConfig.of(Map.of("address", "http://prom:9090", "token", "s3cr3t",
                "basicAuthPassword", "hunter2"));
        assertThat(config.toString()).contains("http://prom:9090").doesNotContain("s3cr3t").doesNotContain("hunter2");
        assertThat(config.get("token")).contains("s3cr3t");
    }

    @Test
    void providerConfigDurationsNameTheKeyWhenBroken() {
        ProviderConfig config = ProviderConfig.of(Map.of("timeout", "soon"));
        assertThatThrownBy(() -> config.duration("timeout", java.time.Duration.ofSeconds(1)))
                .hasMessageStartingWith("timeout: 'soon' is not a duration");
    }
}
