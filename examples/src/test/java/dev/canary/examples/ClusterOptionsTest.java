package dev.canary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterOptionsTest {

    @Test
    void withoutArgumentsEverythingComesFromTheManifest() {
        assertThat(ClusterOptions.parse()).isEqualTo(new ClusterOptions(null, null, null, null, null, false));
        assertThat(ClusterOptions.parse("", " ")).isEqualTo(ClusterOptions.parse());
    }

    @Nested
    class Values {
        @TempDir
        Path dir;

        @Test
        void areReadInBothForms() throws Exception {
            Path manifest = Files.writeString(dir.resolve("canary.yaml"), "kind: Canary");
            ClusterOptions options = ClusterOptions.parse("--manifest", manifest.toString(),
                    "--prometheus=http://127.0.0.1:9090", "--interval", "2s", "--load-url",
                    "http://traefik.traefik/", "--load-host=podinfo.example.com");

            assertThat(options).isEqualTo(new ClusterOptions(manifest, "http://127.0.0.1:9090",
                    Duration.ofSeconds(2), URI.create("http://traefik.traefik/"), "podinfo.example.com", false));
        }

        @Test
        void helpIsAFlag() {
            assertThat(ClusterOptions.parse("--help").help()).isTrue();
        }
    }

    @Nested
    class Problems {
        @Test
        void areAllReportedOnePerLine() {
            assertThatThrownBy(() -> ClusterOptions.parse("--manifest", "/no/such/file.yaml", "--prometheus",
                    "prometheus:9090", "--interval", "500ms", "--load-url", "ftp://x/", "--colour", "red",
                    "--load-host"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--manifest: there is no file /no/such/file.yaml\n")
                    .hasMessageContaining("--prometheus must be an http or https URL but was 'prometheus:9090'\n")
                    .hasMessageContaining("--interval must be at least 1s but was 500ms\n")
                    .hasMessageContaining("--load-url must be an http or https URL but was 'ftp://x/'\n")
                    .hasMessageContaining("unknown option --colour\n")
                    .hasMessageContaining("option --load-host needs a value");
        }

        @Test
        void aHostNeedsALoadUrl() {
            assertThatThrownBy(() -> ClusterOptions.parse("--load-host", "podinfo.example.com"))
                    .hasMessage("--load-host needs --load-url");
        }

        @Test
        void anIntervalMustBeADuration() {
            assertThatThrownBy(() -> ClusterOptions.parse("--interval", "soon"))
                    .hasMessage("--interval must be a duration such as 2s or 1m but was 'soon'");
        }
    }
}
