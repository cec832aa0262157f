package dev.canary.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderConfigTest {
    @Test
    void toStringShowsNoHeaderValueAndNoSecret() {
        ProviderConfig config = ProviderConfig.of(Map.of("address", "http://prometheus:9090",
                "header.Cookie", "session=c00kie", "header.X-Scope-OrgID", "team-a", "token", "t0k3n",
                "template.1.header.Authorization", "Bearer abc"));

        assertThat(config.toString()).contains("address=http://prometheus:9090")
                .doesNotContain("c00kie").doesNotContain("team-a").doesNotContain("t0k3n").doesNotContain("abc");
    }
}
