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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The canary a command works on: the manifest {@code FILE} (first positional parameter) and, when it holds several
 * canaries, {@code --canary [NAMESPACE/]NAME}. A picocli mixin; {@link #read(Path, String, PrintStream)} reads any
 * manifest file the same way, printing every problem.
 */
final class ManifestOptions {
    @Parameters(index = "0", paramLabel = "FILE", description = "The manifest (YAML or JSON).")
    Path file = Path.of("");

    @Option(names = "--canary", paramLabel = "[NAMESPACE/]NAME", description = "The canary when the file has "
            + "several.")
    @Nullable String canary;

    /** The chosen canary of {@link #file}; empty after printing what is wrong to {@code err}. */
    Optional<CanaryManifest> read(PrintStream err) {
        return read(file, canary, err);
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
