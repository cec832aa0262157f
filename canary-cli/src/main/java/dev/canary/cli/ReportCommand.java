package dev.canary.cli;

import dev.canary.RunStatus;
import dev.canary.internal.StateCodec;
import dev.canary.manifest.CanaryManifest;
import dev.canary.report.RunReport;
import dev.canary.spi.StateStore;
import dev.canary.spi.StoredRun;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code canary report FILE --state-dir DIR}: writes the HTML report of the manifest's run as stored (finished or
 * still running). Exit 0 when written, 1 when nothing is stored for the canary, 2 for bad input.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write the HTML report of a run kept in a state store (finished or running).")
final class ReportCommand implements Callable<Integer> {
    private final Environment environment;

    /** The manifest and the canary in it. */
    @Mixin
    private ManifestOptions input = new ManifestOptions();

    @Mixin
    private StoreOptions store = new StoreOptions();

    @Option(names = {"-o", "--output"}, paramLabel = "HTML", description = "Where to write the report; default "
            + "<namespace>-<name>.html in the current directory.")
    private @Nullable Path output;

    ReportCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Optional<CanaryManifest> manifest = input.read(environment.err());
        if (manifest.isEmpty()) {
            return CanaryCli.USAGE;
        }
        String key = manifest.get().spec().key();
        StateStore states = store.open();
        Optional<StoredRun> state = states.load(key);
        if (state.isEmpty()) {
            environment.err().println("no run of " + key + " is stored in " + states);
            return CanaryCli.FAILED;
        }
        RunStatus status = RunStatus.of(manifest.get().spec(), StateCodec.decode(state.get().document()),
                environment.clock().instant());
        Path written = RunReport.write(status, output != null ? output : Path.of(RunReport.fileName(key)));
        environment.out().println(key + " " + status.phase().displayName() + ": report written to " + written);
        return CanaryCli.OK;
    }
}
