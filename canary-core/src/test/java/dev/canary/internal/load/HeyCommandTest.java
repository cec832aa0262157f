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
        void mapsTheSeedManifestCommand() {
            LoadTest test = HeyCommand.parse("hey -z 10m -q 10 -c 2 http://podinfo.demo-canary:9898/");

            assertThat(test.url()).isEqualTo(URI.create("http://podinfo.demo-canary:9898/"));
            assertThat(test.duration()).isEqualTo(Duration.ofMinutes(10));
            assertThat(test.concurrency()).isEqualTo(2);
            assertThat(test.ratePerSecond()).as("-q is per worker").isEqualTo(20.0);
            assertThat(test.maxRequests()).as("-n is ignored with -z").isZero();
            assertThat(test.method()).isEqualTo("GET");
        }

        @Test
        void usesHeysDefaultsWithoutDuration() {
            LoadTest test = HeyCommand.parse("hey http://app.test/");

            assertThat(test.maxRequests()).isEqualTo(200);
            assertThat(test.concurrency()).isEqualTo(50);
            assertThat(test.ratePerSecond()).isZero();
            assertThat(test.duration()).isEqualTo(LoadTest.MAX_DURATION);
            assertThat(test.requestTimeout()).isEqualTo(Duration.ofSeconds(20));
        }

        @Test
        void mapsMethodHeadersBodyAndTimeout() {
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
        void acceptsGoFlagFormsWithEqualsAndDoubleDash() {
            LoadTest test = HeyCommand.parse("hey --z=30s -c=4 -q 2.5 http://app.test/");

            assertThat(test.duration()).isEqualTo(Duration.ofSeconds(30));
            assertThat(test.ratePerSecond()).isEqualTo(10.0);
        }

        @Test
        void hostSetsTheHostHeaderAsInFlaggersTraefikTutorial() {
            LoadTest test = HeyCommand.parse("hey -z 10m -q 10 -c 2 -host app.example.com http://traefik.traefik");
            assertThat(test.headers()).containsEntry("Host", "app.example.com");
            assertThat(test.url()).hasToString("http://traefik.traefik");
        }

        @Test
        void aBodyGetsHeysDefaultContentType() {
            assertThat(HeyCommand.parse("hey -n 1 -c 1 -m PUT -d x http://app.test/").headers())
                    .containsEntry("Content-Type", "text/html");
        }
    }

    @Nested
    class BadLines {
        @Test
        void anUnknownFlagNamesTheSupportedOnesAndTheWayOut() {
            assertThatThrownBy(() -> HeyCommand.parse("hey -z 1m -disable-keepalive http://app.test/"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("hey flag -disable-keepalive is not supported by the built-in load generator")
                    .hasMessageContaining("supported: -z -q -c -n -m -H -A -d -T -t -host")
                    .hasMessageContaining("allowCommands(\"hey\")");
        }

        @Test
        void aMissingOrSecondUrlIsReported() {
            assertThatThrownBy(() -> HeyCommand.parse("hey -z 1m"))
                    .hasMessageContaining("needs exactly one URL but had 0");
            assertThatThrownBy(() -> HeyCommand.parse("hey http://a.test/ http://b.test/"))
                    .hasMessageContaining("needs exactly one URL but had 2");
        }

        @Test
        void badValuesAreReported() {
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
        void limitsOfTheBuiltInGeneratorApply() {
            assertThatThrownBy(() -> HeyCommand.parse("hey -z 1m -q 100 -c 20 http://app.test/"))
                    .hasMessageContaining("ratePerSecond must be between 0 and 1000 but was 2000.0");
            assertThatThrownBy(() -> HeyCommand.parse("hey -z 2h http://app.test/"))
                    .hasMessageContaining("duration must be more than 0 and at most PT1H");
        }

        @Test
        void fewerRequestsThanWorkersIsRejectedAsHeyDoes() {
            assertThatThrownBy(() -> HeyCommand.parse("hey -n 5 -c 10 http://app.test/"))
                    .hasMessageContaining("-n 5 must not be smaller than -c 10");
        }

        @Test
        void anotherProgramIsNotHey() {
            assertThatThrownBy(() -> HeyCommand.parse("wrk -d 1m http://app.test/"))
                    .hasMessageContaining("not a hey command");
        }
    }
}
