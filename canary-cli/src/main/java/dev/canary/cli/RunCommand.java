package dev.canary.cli;

import dev.canary.CanaryEvent;
import dev.canary.spec.CanaryException;
import dev.canary.CanaryResult;
import dev.canary.CanaryRun;
import dev.canary.spec.InvalidSpecException;
import dev.canary.ProviderNotFoundException;
import dev.canary.kubernetes.KubernetesEvents;
import dev.canary.manifest.CanaryManifest;
import dev.canary.manifest.ProviderSelection;
import dev.canary.report.RunReport;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spi.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code canary run FILE}: runs the manifest's canary with the providers it names (or those given), printing a
 * live table; exit 0 when it succeeded, 1 when it was rolled back, 2 for a manifest or providers that cannot run,
 * 3 when the run could not go on.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a Flagger Canary manifest until it is promoted (exit 0) or rolled back (exit 1), printing "
                + "one row per tick.")
final class RunCommand implements Callable<Integer> {
    private final Environment environment;

    /** The manifest and the canary in it. */
    @Mixin
    private ManifestOptions input = new ManifestOptions();

    @Option(names = "--router", paramLabel = "NAME", description = "The router instead of the manifest's "
            + "spec.provider, such as traefik or kubernetes.")
    private @Nullable String router;

    @Option(names = "--metrics", paramLabel = "NAME", description = "The metrics provider instead of prometheus.")
    private @Nullable String metrics;

    @Option(names = "--target", paramLabel = "NAME", description = "The deployment target instead of kubernetes.")
    private @Nullable String target;

    @Option(names = "--set", paramLabel = "KIND.KEY=VALUE", description = "A provider setting, KIND one of router, "
            + "metrics, target; for example --set metrics.address=http://localhost:9090.")
    private List<String> settings = List.of();

    /** Where the run is kept (a run stored there is resumed); default in memory. */
    @Mixin
    private StoreOptions store = new StoreOptions();

    @Option(names = "--report", paramLabel = "HTML", description = "Write the run's HTML report to this file when "
            + "it ends.")
    private @Nullable Path report;

    @Option(names = "--interval", paramLabel = "DURATION", description = "Tick every DURATION instead of the "
            + "manifest's analysis.interval (at least 1s), for trying a manifest against a test environment.")
    private @Nullable String interval;

    @Option(names = "--manual-gate", paramLabel = "WEBHOOK", description = "Make the manifest's webhook WEBHOOK a "
            + "manual gate, answered with canary approve/deny (or annotations on the run's state ConfigMap).")
    private List<String> manualGates = List.of();

    @Option(names = "--run-commands-in-process", description = "Run the manifest's load tester commands (cmd "
            + "webhooks) here, hey on the built-in load generator, instead of posting them to their URL.")
    private boolean commandsInProcess;

    @Option(names = "--kubernetes-events", description = "Record the run's events as Kubernetes Events on its "
            + "target, as Flagger does (kubectl describe deployment shows them).")
    private boolean kubernetesEvents;

    private @Nullable KubernetesEvents recorder;
    private @Nullable LiveTable table;
    private final List<CanaryEvent> events = new ArrayList<>();

    RunCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Optional<CanaryManifest> manifest = input.read(environment.err());
        if (manifest.isEmpty()) {
            return CanaryCli.USAGE;
        }
        CanaryRun run;
        try {
            run = builder(manifest.get()).build();
        } catch (InvalidSpecException | ProviderNotFoundException | IllegalArgumentException e) {
            if (recorder != null) {
                recorder.close();
            }
            environment.err().println("error: " + e.getMessage());
            return CanaryCli.USAGE;
        }
        try {
            if (table != null) {
                table.printHeader();
            }
            CanaryResult result = run.run();
            if (report != null) {
                synchronized (events) {
                    environment.out().println("report written to " + RunReport.write(result.status(), events,
                            report));
                }
            }
            environment.out().println(result.canary() + " " + result.phase().displayName() + " after "
                    + Durations.format(result.duration()) + ": " + result.reason());
            return result.succeeded() ? CanaryCli.OK : CanaryCli.FAILED;
        } catch (CanaryException e) {
            environment.err().println("error: the run could not go on: " + e.getMessage());
            return CanaryCli.ERROR;
        } finally {
            if (recorder != null) {
                recorder.close();
            }
        }
    }

    private CanaryRun.Builder builder(CanaryManifest manifest) {
        ProviderSettings given = ProviderSettings.parse(settings);
        CanarySpec spec = spec(manifest.spec());
        CanaryRun.Builder builder = manifest.applyTo(CanaryRun.builder()).spec(spec).clock(environment.clock());
        if (environment.scheduler() != null) {
            builder.scheduler(environment.scheduler());
        }
        ProviderSelection chosen = manifest.providers();
        if (router != null || given.has("router")) {
            String name = router != null ? router : chosen.router() != null ? chosen.router().name() : null;
            if (name == null) {
                throw new IllegalArgumentException("--set router.* needs --router: the manifest names no router");
            }
            builder.router(name, given.config("router", sameName(chosen.router(), name)));
        }
        if (metrics != null || given.has("metrics")) {
            String name = metrics != null ? metrics : chosen.metrics() != null ? chosen.metrics().name()
                    : ProviderSelection.PROMETHEUS;
            builder.metrics(name, given.config("metrics", sameName(chosen.metrics(), name)));
        }
        if (target != null || given.has("target")) {
            String name = target != null ? target : chosen.target().name();
            builder.target(name, given.config("target", sameName(chosen.target(), name)));
        }
        manualGates.forEach(builder::manualGate);
        if (kubernetesEvents) {
            recorder = KubernetesEvents.forSpec(spec);
            builder.listener(recorder);
        }
        if (commandsInProcess) {
            builder.runCommandsInProcess();
        }
        if (store.chosen()) {
            builder.stateStore(store.open());
        }
        builder.listener(event -> {
            if (!(event instanceof CanaryEvent.Ticked) && !(event instanceof CanaryEvent.CheckEvaluated)) {
                synchronized (events) {
                    events.add(event);
                }
            }
        });
        table = new LiveTable(environment.out(), ZoneId.systemDefault(),
                spec.analysis().metrics().stream().map(MetricCheck::name).toList());
        return builder.listener(table);
    }

    private CanarySpec spec(CanarySpec spec) {
        if (interval == null) {
            return spec;
        }
        Duration every = Durations.parse(interval);
        return spec.toBuilder().analysis(spec.analysis().toBuilder().interval(every).build()).build();
    }

    /** The manifest's settings for a provider, when the provider used is the one the manifest names. */
    private static Map<String, String> sameName(ProviderSelection.@Nullable Choice choice, String name) {
        return choice != null && choice.name().equals(name) ? choice.settings() : Map.of();
    }
}
