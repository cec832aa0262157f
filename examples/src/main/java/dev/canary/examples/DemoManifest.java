package dev.canary.examples;

import dev.canary.manifest.CanaryManifest;
import dev.canary.manifest.CanaryManifests;
import dev.canary.manifest.ManifestException;
import dev.canary.manifest.ManifestOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A Flagger Canary manifest read for {@link ManifestDemo}: from a file, or {@value #SEED} for the seed scenario's
 * manifest bundled with the examples ({@value #SEED_RESOURCE}, a copy of the reference {@code seed/canary.yaml}).
 * Read with {@link CanaryManifests} and a {@link ManifestOptions#minimumInterval()} of one second, so a manifest
 * written for the demo may use a short interval.
 *
 * @param source   where it was read from, for the output
 * @param manifest the one Canary of the input
 */
record DemoManifest(String source, CanaryManifest manifest) {
    /** The {@code --manifest} value for the bundled seed manifest. */
    static final String SEED = "seed";
    /** The class path resource of the bundled seed manifest. */
    static final String SEED_RESOURCE = "/manifests/seed-canary.yaml";
    /** The shortest interval the loader keeps; shorter ones are raised to it. */
    static final Duration MINIMUM_INTERVAL = Duration.ofSeconds(1);

    DemoManifest {
        Objects.requireNonNull(source, "source == null");
        Objects.requireNonNull(manifest, "manifest == null");
    }

    /**
     * Reads {@code manifest}: {@value #SEED}, or the path of a file with exactly one Canary.
     *
     * @throws IllegalArgumentException when there is no such file
     * @throws ManifestException        listing what is wrong with the manifest
     */
    static DemoManifest load(String manifest) {
        ManifestOptions options = ManifestOptions.builder().minimumInterval(MINIMUM_INTERVAL).build();
        if (manifest.equals(SEED)) {
            return new DemoManifest("the seed manifest (bundled copy of reference/seed/canary.yaml)",
                    CanaryManifests.load(seedText(), options).onlyCanary());
        }
        Path path = Path.of(manifest);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("--manifest: there is no file " + path.toAbsolutePath()
                    + "; give the path of a Flagger Canary manifest, or 'seed' for the bundled seed manifest");
        }
        return new DemoManifest(path.toString(), CanaryManifests.load(path, options).onlyCanary());
    }

    /** The text of the bundled seed manifest. */
    static String seedText() {
        try (InputStream in = DemoManifest.class.getResourceAsStream(SEED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the seed manifest " + SEED_RESOURCE + " is missing from the class "
                        + "path; rebuild the examples module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the seed manifest " + SEED_RESOURCE, e);
        }
    }
}
