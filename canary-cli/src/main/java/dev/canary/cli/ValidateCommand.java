package dev.canary.cli;

import dev.canary.manifest.CanaryManifest;
import dev.canary.manifest.CanaryManifests;
import dev.canary.manifest.ManifestException;
import dev.canary.manifest.ManifestProblem;
import dev.canary.manifest.ManifestSet;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code canary validate FILE...}: reads Flagger manifests and prints every problem, one per line as
 * {@code file:line:column: field: message} (the form editors and CI annotate), then one summary line per file.
 * Exit 0 when no file has a problem, 1 otherwise (warnings count only with {@code --strict}), 2 when a file is
 * missing.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check Flagger manifests (Canary, MetricTemplate, AlertProvider); print every problem with "
                + "its line and column.")
final class ValidateCommand implements Callable<Integer> {
    private final Environment environment;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Manifest files (YAML or JSON).")
    private List<Path> files = List.of();

    @Option(names = "--strict", description = "Treat warnings (fields accepted but not applied) as problems.")
    private boolean strict;

    ValidateCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintStream out = environment.out();
        int exit = CanaryCli.OK;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                environment.err().println(file + ": no such file");
                return CanaryCli.USAGE;
            }
            exit = Math.max(exit, validate(file, out));
        }
        return exit;
    }

    private int validate(Path file, PrintStream out) {
        ManifestSet set;
        try {
            set = CanaryManifests.load(file);
        } catch (ManifestException e) {
            e.problems().forEach(p -> out.println(format(file, p, "")));
            out.println(file + ": " + count(e.problems().size(), "problem") + ", not valid");
            return CanaryCli.FAILED;
        }
        set.warnings().forEach(w -> out.println(format(file, w, "warning: ")));
        for (CanaryManifest canary : set.canaries()) {
            out.println(file + ": Canary " + canary.spec().key() + ": " + canary.spec().analysis().metrics().size()
                    + " checks, " + canary.spec().analysis().webhooks().size() + " webhooks; " + providers(canary));
        }
        boolean failed = strict && !set.warnings().isEmpty();
        out.println(file + ": " + set.canaries().size() + " canaries, " + set.metricTemplates().size()
                + " metric templates, " + set.alertProviders().size() + " alert providers, "
                + count(set.warnings().size(), "warning") + (failed ? ", not valid (--strict)" : ", valid"));
        return failed ? CanaryCli.FAILED : CanaryCli.OK;
    }

    /** {@code file:line:column: document 2, spec.analysis.stepWeight: message}. */
    static String format(Path file, ManifestProblem problem, String prefix) {
        StringBuilder b = new StringBuilder(file.toString());
        if (problem.line() > 0) {
            b.append(':').append(problem.line()).append(':').append(problem.column());
        }
        b.append(": ").append(prefix);
        if (problem.document() > 0) {
            b.append("document ").append(problem.document()).append(problem.path().isEmpty() ? ": " : ", ");
        }
        if (!problem.path().isEmpty()) {
            b.append(problem.path()).append(": ");
        }
        return b.append(problem.message()).toString();
    }

    private static String providers(CanaryManifest canary) {
        var p = canary.providers();
        return "router " + (p.router() == null ? "(any on the class path)" : p.router().name()) + ", metrics "
                + (p.metrics() == null ? "(none)" : p.metrics().name()) + ", target " + p.target().name();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
