package dev.canary.testkit.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prints the {@link FaultLedger}'s table once, when every test of the JVM has run, and writes it to
 * {@code target/faults.md}. Put {@code @ExtendWith(FaultReport.class)} on each fault test class.
 */
public final class FaultReport implements BeforeAllCallback {
    private static final String KEY = FaultReport.class.getName();

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(KEY, k -> new Printer(),
                Printer.class);
    }

    /** Closed by JUnit when the whole test plan has run. */
    private static final class Printer implements AutoCloseable {
        @Override
        public void close() {
            List<Trial> trials = FaultLedger.trials();
            if (trials.isEmpty()) {
                return;
            }
            String table = FaultLedger.table(trials);
            List<String> deviations = FaultLedger.deviations(trials);
            String text = "\nFault-injection trials of " + Path.of("").toAbsolutePath().getFileName() + ":\n\n"
                    + table + (deviations.isEmpty() ? "" : "\nNot as expected:\n  " + String.join("\n  ",
                    deviations) + "\n");
            System.out.println(text);
            try {
                Files.createDirectories(Path.of("target"));
                Files.writeString(Path.of("target", "faults.md"), text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
