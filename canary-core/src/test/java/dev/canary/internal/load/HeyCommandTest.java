package dev.canary.internal.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.LoadTest;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HeyCommandTest {
    @Nested
    class GoodLines {
        @Test
        void maps_the_seed_manifest_command() {
            LoadTest test = HeyCommand.parse("hey -z 10m -q 10 -c 2 http://podinfo.demo-canary:9898/");

            assertThat(test.url()).isEqualTo(URI.create("http://podinfo.demo-canary:9898/"));
            assertThat(test.duration()).isEqualTo(Duration.ofMinutes(10));
            assertThat(test.concurrency()).isEqualTo(2);
            assertThat(test.ratePerSecond()).as("-q is per worker").isEqualTo(20.0);
            assertThat(test.maxRequests()).as("-n is ignored with -z").isZero();
            assertThat(test.method()).isEqualTo("GET");
        }

        @Test
        void uses_heys_defaults_without_duration() {
            LoadTest test = HeyCommand.parse("hey http://app.test/");

            assertThat(test.maxRequests()).isEqualTo(200);
            assertThat(test.concurrency()).isEqualTo(50);
            assertThat(test.ratePerSecond()).isZero();
            assertThat(test.duration()).isEqualTo(LoadTest.MAX_DURATION);
            assertThat(test.requestTimeout()).isEqualTo(Duration.ofSeconds(20));
        }

        @Test
        void maps_method_headers_body_and_timeout() {
            LoadTest test = HeyCommand.parse("/usr/bin/hey -n 10 -c 1 -m post -H 'X-Canary: yes' -A "
                    + "application/json -d '{\"a\":1}' -T application/json -t 3 https://app.test/orders");

            assertThat(test.maxRequests()).isEqualTo(10);
            assertThat(test.method()).isEqualTo("POST");
            assertThat(test.body()).isEqualTo("{\"a\":1}");
            assertThat(test.headers()).containsExactlyInAnyOrderEntriesOf(Map.of("X-Canary", "yes",
                    "Accept", "application/json", "Content-Type", "application/json"));
            assertThat(test.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
        }

        @Test
        void accepts_go_flag_forms_with_equals_and_double_dash() {
            LoadTest test = HeyCommand.parse("hey --z=30s -c=4 -q 2.5 http://app.test/");

            assertThat(test.duration()).isEqualTo(Duration.ofSeconds(30));
            assertThat(test.ratePerSecond()).isEqualTo(10.0);
        }

        @Test
        void host_sets_the_host_header_as_in_flaggers_traefik_tutorial() {
            LoadTest test = HeyCommand.parse("hey -z 10m -q 10 -c 2 -host app.example.com http://traefik.traefik");
            assertThat(test.headers()).containsEntry("Host", "app.example.com");
            assertThat(test.url()).hasToString("http://traefik.traefik");
        }

        @Test
        void a_body_gets_heys_default_content_type() {
            assertThat(HeyCommand.parse("hey -n 1 -c 1 -m PUT -d x http://app.test/").headers())
                    .containsEntry("Content-Type", "text/html");
        }
    }

    @Nested
    class BadLines {
        @Test
        void an_unknown_flag_names_the_supported_ones_and_the_way_out() {
            assertThatThrownBy(() -> HeyCommand.parse("hey -z 1m -disable-keepalive http://app.test/"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("hey flag -disable-keepalive is not supported by the built-in load generator")
                    .hasMessageContaining("supported: -z -q -c -n -m -H -A -d -T -t -host")
                    .hasMessageContaining("allowCommands(\"hey\")");
        }

        @Test
        void a_missing_or_second_url_is_reported() {
            assertThatThrownBy(() -> HeyCommand.parse("hey -z 1m"))
                    .hasMessageContaining("needs exactly one URL but had 0");
            assertThatThrownBy(() -> HeyCommand.parse("hey http://a.test/ http://b.test/"))
                    .hasMessageContaining("needs exactly one URL but had 2");
        }

        @Test
        void bad_values_are_reported() {
            assertThatThrownBy(() -> HeyCommand.parse("hey -c many http://app.test/"))
                    .hasMessageContaining("hey -c needs a whole number but was \"many\"");
            assertThatThrownBy(() -> HeyCommand.parse("hey -H novalue http://app.test/"))
                    .hasMessageContaining("hey -H needs \"Name: value\"");
            assertThatThrownBy(() -> HeyCommand.parse("hey -z http://app.test/"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> HeyCommand.parse("hey -q"))
                    .hasMessageContaining("hey flag -q needs a value");
        }

        @Test
        void limits_of_the_built_in_generator_apply() {
            assertThatThrownBy(() -> HeyCommand.parse("hey -z 1m -q 100 -c 20 http://app.test/"))
                    .hasMessageContaining("ratePerSecond must be between 0 and 1000 but was 2000.0");
            assertThatThrownBy(() -> HeyCommand.parse("hey -z 2h http://app.test/"))
                    .hasMessageContaining("duration must be more than 0 and at most PT1H");
        }

        @Test
        void fewer_requests_than_workers_is_rejected_as_hey_does() {
            assertThatThrownBy(() -> HeyCommand.parse("hey -n 5 -c 10 http://app.test/"))
                    .hasMessageContaining("-n 5 must not be smaller than -c 10");
        }

        @Test
        void another_program_is_not_hey() {
            assertThatThrownBy(() -> HeyCommand.parse("wrk -d 1m http://app.test/"))
                    .hasMessageContaining("not a hey command");
        }
    }
}
