package dev.canary.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TrafficLogTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private static ProxiedRequest at(Upstream upstream, int seconds) {
        return ProxiedRequest.served(upstream, 200, Duration.ofMillis(5), T0.plusSeconds(seconds));
    }

    @Nested
    class Windows {
        @Test
        void aWindowExcludesItsStartAndIncludesItsEnd() {
            TrafficLog log = new TrafficLog();
            for (int s = 0; s <= 4; s++) {
                log.record(at(Upstream.CANARY, s));
            }
            assertThat(log.between(T0.plusSeconds(1), T0.plusSeconds(3)))
                    .extracting(ProxiedRequest::at)
                    .containsExactly(T0.plusSeconds(2), T0.plusSeconds(3));
        }

        @Test
        void filtersByUpstreamIncludingMirroredCopies() {
            TrafficLog log = new TrafficLog();
            log.record(at(Upstream.PRIMARY, 1));
            log.record(at(Upstream.CANARY, 1));
            log.record(new ProxiedRequest(Upstream.CANARY, 500, Duration.ZERO, T0.plusSeconds(1), true));
            assertThat(log.between(Upstream.CANARY, T0, T0.plusSeconds(1))).hasSize(2);
            assertThat(log.between(Upstream.PRIMARY, T0, T0.plusSeconds(1))).hasSize(1);
        }
    }

    @Nested
    class Splits {
        @Test
        void countsClientRequestsPerUpstreamButNotMirroredCopies() {
            TrafficLog log = new TrafficLog();
            log.record(at(Upstream.PRIMARY, 1));
            log.record(at(Upstream.PRIMARY, 2));
            log.record(at(Upstream.CANARY, 2));
            log.record(new ProxiedRequest(Upstream.CANARY, 200, Duration.ZERO, T0.plusSeconds(2), true));
            assertThat(log.split(T0, T0.plusSeconds(2))).isEqualTo(new TrafficSplit(2, 1));
            assertThat(log.split(T0.plusSeconds(2), T0.plusSeconds(9))).isEqualTo(new TrafficSplit(0, 0));
        }
    }

    @Nested
    class Retention {
        @Test
        void forgetsRecordsOlderThanTheRetentionPeriod() {
            TrafficLog log = new TrafficLog(Duration.ofSeconds(10));
            log.record(at(Upstream.PRIMARY, 0));
            log.record(at(Upstream.PRIMARY, 5));
            log.record(at(Upstream.PRIMARY, 12));
            assertThat(log.size()).isEqualTo(2);
            assertThat(log.between(T0.minusSeconds(1), T0.plusSeconds(20))).extracting(ProxiedRequest::at)
                    .containsExactly(T0.plusSeconds(5), T0.plusSeconds(12));
        }

        @Test
        void rejectsARetentionThatKeepsNothing() {
            assertThatThrownBy(() -> new TrafficLog(Duration.ZERO)).hasMessageContaining("retention must be positive");
        }
    }

    @Test
    void isOpenUntilClosed() {
        TrafficLog log = new TrafficLog();
        assertThat(log.isOpen()).isTrue();
        log.close();
        assertThat(log.isOpen()).isFalse();
    }
}
