package dev.canary.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.ProviderException;
import org.junit.jupiter.api.Test;

class PrometheusExceptionTest {
    @Test
    void isAProviderExceptionNamingPrometheusWithStatusAndErrorType() {
        PrometheusException e = new PrometheusException("rejected", 400, "bad_data", "up(", false, null);
        assertThat(e).isInstanceOf(ProviderException.class);
        assertThat(e.provider()).isEqualTo("prometheus");
        assertThat(e.getMessage()).isEqualTo("prometheus: rejected");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errorType()).isEqualTo("bad_data");
        assertThat(e.query()).isEqualTo("up(");
        assertThat(e.retryable()).isFalse();
    }
}
