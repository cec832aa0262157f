package dev.canary.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Debian Chromium, run as a child process with no network and a throw-away profile. Tests that use it
 * fail (they do not skip) when it is missing: {@code scripts/test} installs the {@code chromium} package.
 */
final class Chromium {
    static final Path BINARY = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    private final Path profile;

    Chromium(Path scratch) {
        assertThat(Files.isExecutable(BINARY)).as("%s is missing: install the Debian package chromium (scripts/test "
                + "does)", BINARY).isTrue();
        this.profile = scratch.resolve("chromium-profile");
    }

    /** The DOM of {@code page} after Chromium has loaded and laid it out. */
    String dumpDom(Path page) throws IOException, InterruptedException {
        return run("--dump-dom", page.toUri().toString());
    }

    /** A PNG screenshot of {@code page} in a window {@code width} x {@code height}. */
    Path screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        run("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", page.toUri().toString());
        assertThat(png).exists();
        return png;
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile.toAbsolutePath()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s: " + command);
        }
        assertThat(process.exitValue()).as("chromium exit code for %s", command).isZero();
        return out;
    }
}
