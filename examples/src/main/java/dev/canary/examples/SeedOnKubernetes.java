package dev.canary.examples;

import dev.canary.CanaryExecution;
import dev.canary.CanaryResult;
import dev.canary.CanaryRun;
import dev.canary.LoadTest;
import dev.canary.kubernetes.KubernetesLease;
import dev.canary.manifest.CanaryManifest;
import dev.canary.manifest.CanaryManifests;
import dev.canary.manifest.ManifestException;
import dev.canary.manifest.ManifestOptions;
import dev.canary.manifest.ProviderSelection;
import dev.canary.prometheus.PrometheusMetricsProvider;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.WebhookSpec;
import dev.canary.spi.ProviderConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * Runs a Flagger Canary manifest (by default the seed manifest) against a real cluster, with the three provider
 * modules together: the manifest chooses them by name ({@link CanaryManifest#applyTo}: {@code traefik} router,
 * {@code prometheus} metrics with the manifest's metric templates, {@code kubernetes} target), and the run keeps
 * its state in the {@code kubernetes} state store and holds a {@link KubernetesLease}. Every client is configured
 * the fabric8 way (current kubeconfig context, or in-cluster). Prints one line per tick. See
 * {@code docs/cluster.md} and {@link ClusterOptions#USAGE}.
 */
public final class SeedOnKubernetes {
    /** The bundled copy of the seed manifest, on the class path. */
    public static final String SEED_RESOURCE = "/manifests/seed-canary.yaml";

    private SeedOnKubernetes() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs with command-line {@code args}; returns the exit code described in {@link ClusterOptions#USAGE}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ClusterOptions options;
        CanaryManifest canary;
        try {
            options = ClusterOptions.parse(args);
            if (options.help()) {
                out.println(ClusterOptions.USAGE);
                return 0;
            }
            canary = load(options);
        } catch (IllegalArgumentException | ManifestException e) {
            err.println("error: " + e.getMessage().replace("\n", "\nerror: "));
            err.println();
            err.println(ClusterOptions.USAGE);
            return 2;
        }
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            TickPrinter printer = new TickPrinter(out, ZoneId.systemDefault());
            CanaryExecution execution = configure(canary, options, client, Clock.systemUTC()).listener(printer)
                    .build().start();
            out.println(describe(canary, options));
            printer.printHeader();
            CanaryResult result = execution.result().join();
            out.printf("%s: %s%n", result.phase().displayName(), result.reason());
            return result.succeeded() ? 0 : 1;
        } catch (CompletionException e) {
            err.println("error: the run could not go on: " + (e.getCause() != null ? e.getCause() : e));
            return 3;
        } catch (RuntimeException e) {
            err.println("error: the run could not start: " + e.getMessage());
            return 3;
        }
    }

    /** What the run uses, in two lines: the providers and the cluster objects it keeps its state in. */
    static String describe(CanaryManifest canary, ClusterOptions options) {
        CanarySpec spec = canary.spec();
        String router = canary.providers().router() != null ? canary.providers().router().name() : "(default)";
        String prometheus = options.prometheus() != null ? options.prometheus()
                : spec.metricsServer() != null ? spec.metricsServer() : PrometheusMetricsProvider.DEFAULT_ADDRESS;
        return String.format("canary %s: router %s, metrics from Prometheus at %s, target deployment/%s; state in "
                + "configmap/canary-state-%s, lease canary-lease-%s%nwaiting for a new revision of deployment/%s "
                + "(change its image)", spec.key(), router, prometheus, spec.targetRef().name(), spec.name(),
                spec.name(), spec.targetRef().name());
    }

    /**
     * The manifest of {@code options} (the bundled seed manifest by default), with its interval replaced by
     * {@code --interval}; read with a minimum interval of one second.
     *
     * @throws ManifestException listing what is wrong with the manifest
     */
    public static CanaryManifest load(ClusterOptions options) {
        ManifestOptions manifestOptions = ManifestOptions.builder().minimumInterval(ClusterOptions.MINIMUM_INTERVAL)
                .build();
        CanaryManifest canary = options.manifest() != null
                ? CanaryManifests.load(options.manifest(), manifestOptions).onlyCanary()
                : CanaryManifests.load(seedText(), manifestOptions).onlyCanary();
        if (options.interval() == null) {
            return canary;
        }
        CanarySpec spec = canary.spec().toBuilder().analysis(canary.spec().analysis().toBuilder()
                .interval(options.interval())
                .webhooks(DemoLoad.withinInterval(canary.spec().analysis().webhooks(), options.interval())).build())
                .build();
        return new CanaryManifest(spec, canary.providers(), canary.metricTemplates(), canary.alertProviders(),
                canary.document(), canary.warnings());
    }

    /**
     * A run of {@code canary} with the providers it names, chosen by name ({@link CanaryManifest#applyTo}), the
     * {@code kubernetes} state store, a {@link KubernetesLease} over {@code client}, and the run and the lease on
     * {@code clock}; {@code --prometheus} replaces the Prometheus address and {@code --load-url} the target of the
     * manifest's {@code hey} load tests. Callers may add to or replace anything on the returned builder.
     */
    public static CanaryRun.Builder configure(CanaryManifest canary, ClusterOptions options, KubernetesClient client,
            Clock clock) {
        CanaryRun.Builder builder = canary.applyTo(CanaryRun.builder())
                .stateStore(ProviderSelection.KUBERNETES, ProviderConfig.EMPTY)
                .lease(KubernetesLease.builder(client).clock(clock).build())
                .clock(clock);
        if (options.prometheus() != null) {
            ProviderSelection.Choice metrics = canary.providers().metrics();
            Map<String, String> settings = new LinkedHashMap<>(metrics == null ? Map.of() : metrics.settings());
            settings.put("address", options.prometheus());
            builder.metrics(ProviderSelection.PROMETHEUS, ProviderConfig.of(settings));
        }
        if (options.loadUrl() != null) {
            for (WebhookSpec hook : canary.spec().analysis().webhooks()) {
                LoadTest test = redirected(hook, options.loadUrl(), options.loadHost());
                if (test != null) {
                    builder.loadTest(hook.name(), test);
                }
            }
        }
        return builder;
    }

    /**
     * The load test of {@code hook}'s {@code hey} command sent to {@code url} (with {@code host} as its
     * {@code Host} header when given) instead of the command's URL; null when the hook runs no {@code hey}.
     */
    static @Nullable LoadTest redirected(WebhookSpec hook, URI url, @Nullable String host) {
        String cmd = hook.metadata().get("cmd");
        if (cmd == null || !cmd.strip().startsWith("hey ")) {
            return null;
        }
        LoadTest hey = LoadTest.fromHey(cmd);
        Map<String, String> headers = new LinkedHashMap<>(hey.headers());
        if (host != null) {
            headers.put("Host", host);
        }
        return new LoadTest(url, hey.method(), headers, hey.body(), hey.ratePerSecond(), hey.concurrency(),
                hey.duration(), hey.maxRequests(), hey.requestTimeout());
    }

    /** The text of the bundled seed manifest. */
    static String seedText() {
        try (InputStream in = SeedOnKubernetes.class.getResourceAsStream(SEED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled seed manifest " + SEED_RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
