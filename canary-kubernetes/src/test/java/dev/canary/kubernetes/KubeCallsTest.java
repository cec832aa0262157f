package dev.canary.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.ProviderException;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KubeCallsTest {

    private static KubernetesClientException error(int code) {
        return new KubernetesClientException(new StatusBuilder().withCode(code).withMessage("code " + code).build());
    }

    @Test
    void retriesAConflictFromTheRead() {
        AtomicInteger calls = new AtomicInteger();
        String result = KubeCalls.retryOnConflict("update x", 5, () -> {
            if (calls.incrementAndGet() < 3) {
                throw error(409);
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(3);
    }

    @Test
    void givesUpAfterTheConfiguredAttemptsSayingSo() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> KubeCalls.retryOnConflict("update x", 3, () -> {
            calls.incrementAndGet();
            throw error(409);
        })).isInstanceOf(ProviderException.class).hasMessageContaining("update x (still conflicting after 3 attempts)")
                .satisfies(e -> assertThat(((ProviderException) e).status()).isEqualTo(409));
        assertThat(calls).hasValue(3);
    }

    @Test
    void doesNotRetryOtherErrors() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> KubeCalls.retryOnConflict("update x", 5, () -> {
            calls.incrementAndGet();
            throw error(403);
        })).isInstanceOf(ProviderException.class).hasMessageStartingWith("kubernetes: update x: ")
                .satisfies(e -> assertThat(((ProviderException) e).status()).isEqualTo(403));
        assertThat(calls).hasValue(1);
    }
}
