package dev.canary.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProxiedRequestTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void onlyFiveHundredsCountAsServerErrors() {
        assertThat(ProxiedRequest.served(Upstream.CANARY, 500, Duration.ZERO, NOW).isServerError()).isTrue();
        assertThat(ProxiedRequest.served(Upstream.CANARY, 502, Duration.ZERO, NOW).isServerError()).isTrue();
        assertThat(ProxiedRequest.served(Upstream.CANARY, 404, Duration.ZERO, NOW).isServerError()).isFalse();
        assertThat(ProxiedRequest.served(Upstream.CANARY, 200, Duration.ZERO, NOW).mirrored()).isFalse();
    }

    @Test
    void rejectsSomethingThatIsNotAnHttpStatus() {
        assertThatThrownBy(() -> ProxiedRequest.served(Upstream.PRIMARY, 42, Duration.ZERO, NOW))
                .hasMessage("status must be an HTTP status (100..599) but was 42");
    }
}
