package dev.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LoadTestTest {
    static final URI APP = URI.create("http://app.test:8080/");

    @Nested
    class Defaults {
        @Test
        void one_get_worker_for_a_minute_without_rate_limit() {
            LoadTest test = LoadTest.builder(APP).build();

            assertThat(test.method()).isEqualTo("GET");
            assertThat(test.concurrency()).isEqualTo(1);
            assertThat(test.duration()).isEqualTo(Duration.ofMinutes(1));
            assertThat(test.ratePerSecond()).isZero();
            assertThat(test.maxRequests()).isZero();
            assertThat(test.requestTimeout()).isEqualTo(LoadTest.DEFAULT_REQUEST_TIMEOUT);
        }

        @Test
        void the_method_is_upper_cased_and_headers_are_kept_in_order() {
            LoadTest test = LoadTest.builder(APP).method("post").body("{}").header("B", "2").header("A", "1")
                    .build();

            assertThat(test.method()).isEqualTo("POST");
            assertThat(test.headers()).containsExactly(java.util.Map.entry("B", "2"), java.util.Map.entry("A", "1"));
        }
    }

    @Nested
    class Bounds {
        @Test
        void lists_every_invalid_setting() {
            assertThatThrownBy(() -> LoadTest.builder(URI.create("ftp://app.test/")).method("BREW")
                    .ratePerSecond(5000).concurrency(0).duration(Duration.ofHours(2)).maxRequests(-1)
                    .requestTimeout(Duration.ZERO).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("url must be an http or https URL but was ftp://app.test/")
                    .hasMessageContaining("method must be one of")
                    .hasMessageContaining("ratePerSecond must be between 0 and 1000 but was 5000.0")
                    .hasMessageContaining("concurrency must be between 1 and 100 but was 0")
                    .hasMessageContaining("duration must be more than 0 and at most PT1H but was PT2H")
                    .hasMessageContaining("maxRequests must be 0 (no limit) or more but was -1")
                    .hasMessageContaining("requestTimeout must be more than 0");
        }

        @Test
        void a_body_needs_a_method_that_carries_one() {
            assertThatThrownBy(() -> LoadTest.builder(APP).body("x").build())
                    .hasMessageContaining("a body needs method POST, PUT, PATCH or DELETE but method was GET");
        }
    }

    @Test
    void from_hey_maps_the_command_line() {
        LoadTest test = LoadTest.fromHey("hey -z 10m -q 10 -c 2 http://podinfo.demo-canary:9898/");

        assertThat(test.url()).isEqualTo(URI.create("http://podinfo.demo-canary:9898/"));
        assertThat(test.duration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(test.ratePerSecond()).isEqualTo(20.0);
        assertThat(test.concurrency()).isEqualTo(2);
    }
}
