package dev.canary.cli;

import dev.canary.manifest.CanaryManifest;
import dev.canary.manifest.CanaryManifests;
import dev.canary.manifest.ManifestException;
import dev.canary.manifest.ManifestSet;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Reads the one canary a command works on from a manifest file, printing every problem. Stateless. */
final class ManifestInput {
    private ManifestInput() {
    }

    /**
     * The canary named {@code name} (or the only one) of {@code file}; empty after printing what is wrong to
     * {@code err}.
     */
    static Optional<CanaryManifest> read(Path file, @Nullable String name, PrintStream err) {
        if (!Files.isRegularFile(file)) {
            err.println(file + ": no such file");
            return Optional.empty();
        }
        try {
            ManifestSet set = CanaryManifests.load(file);
            if (name == null) {
                return Optional.of(set.onlyCanary());
            }
            String[] parts = name.split("/", 2);
            Optional<CanaryManifest> found = parts.length == 2 ? set.canary(parts[0], parts[1]) : set.canary(name);
            if (found.isEmpty()) {
                err.println(file + ": no Canary named " + name + "; it has " + set.canaries().stream()
                        .map(c -> c.spec().key()).toList());
            }
            return found;
        } catch (ManifestException e) {
            e.problems().forEach(p -> err.println(ValidateCommand.format(file, p, "")));
            return Optional.empty();
        }
    }
}
