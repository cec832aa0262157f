package dev.canary.examples;

import dev.canary.CanaryRun;
import dev.canary.examples.demo.DemoEnvironment;
import dev.canary.examples.demo.ServiceBehaviour;
import dev.canary.manifest.ManifestException;
import dev.canary.manifest.ProviderSelection;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import dev.canary.spec.InvalidSpecException;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.WebhookSpec;
import dev.canary.spi.Durations;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Runs a Flagger Canary manifest (such as the seed manifest, {@code LocalDemo --manifest seed}) on the local demo
 * stack: the manifest's names, steps, threshold, checks and load test, with the demo's proxy, metrics and services
 * on 127.0.0.1 standing in for Traefik, Prometheus and the cluster. What the demo has to change (the hey target,
 * a faster interval with {@code --interval}, the metric windows scaled with it) is printed before the run; see
 * {@link ManifestAdapter}.
 *
 * <p>Exit codes as {@link LocalDemo}; a manifest that cannot be read or run in the demo gives 2.
 */
public final class ManifestDemo {
    private ManifestDemo() {
    }

    /** Runs the demo with parsed {@code options} and returns the exit code. */
    public static int run(ManifestDemoOptions options, PrintStream out, PrintStream err) {
        DemoManifest manifest;
        try {
            manifest = checked(DemoManifest.load(options.manifest()));
        } catch (ManifestException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage().replace("\n", "\nerror: "));
            return 2;
        }
        try {
            return execute(options, manifest, out).exitCode();
        } catch (InvalidSpecException e) {
            err.println("error: the manifest cannot run in the demo: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("error: the demo could not finish: " + e.getMessage());
            return 3;
        }
    }

    /**
     * Reads the manifest, runs it and reports how it ended.
     *
     * @throws ManifestException        when the manifest is not valid
     * @throws IllegalArgumentException when there is no such file, or the manifest cannot run in the demo
     * @throws IllegalStateException    when the run did not end in time or could not go on
     */
    public static DemoReport execute(ManifestDemoOptions options, PrintStream out) {
        return execute(options, checked(DemoManifest.load(options.manifest())), out);
    }

    private static DemoManifest checked(DemoManifest manifest) {
        List<String> problems = ManifestAdapter.problems(manifest.manifest().spec());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(manifest.source() + " cannot run in the demo:\n"
                    + String.join("\n", problems));
        }
        return manifest;
    }

    private static DemoReport execute(ManifestDemoOptions options, DemoManifest manifest, PrintStream out) {
        CanarySpec original = manifest.manifest().spec();
        ServiceBehaviour v1 = ServiceBehaviour.healthy("v1");
        ServiceBehaviour v2 = new ServiceBehaviour("v2", options.errorPercent(),
                Duration.ofMillis(options.latencyMs()));
        Clock clock = Clock.systemUTC();
        try (DemoEnvironment env = DemoEnvironment.start(original, v1, v2, clock, new Random())) {
            ManifestAdapter.Adapted adapted = ManifestAdapter.adapt(original, options.interval(), env.proxy().uri());
            CanarySpec spec = adapted.spec();
            describe(manifest, original, adapted, out);
            out.printf("primary %s at %s, canary %s at %s; proxy %s (Traefik metrics at %s/metrics)%n", v1,
                    env.primary().uri(), v2, env.canary().uri(), env.proxy().uri(), env.proxy().uri());
            out.println("the library's built-in load generator runs the hey commands of the webhooks; alerts print as"
                    + " ALERT lines");
            CanaryRun.Builder builder = CanaryRun.builder();
            for (String hook : adapted.answered()) {
                builder.gate(hook, request -> request.hook().type() == HookType.ROLLBACK
                        ? GateResult.waiting("the demo answers no rollback") : GateResult.approve());
            }
            return DemoRun.perform(env, env.metrics(), builder, spec, DemoRun.timeLimit(spec.analysis()), clock,
                    out);
        }
    }

    private static void describe(DemoManifest manifest, CanarySpec original, ManifestAdapter.Adapted adapted,
            PrintStream out) {
        CanarySpec spec = adapted.spec();
        AnalysisSpec a = original.analysis();
        out.println("manifest: " + manifest.source());
        out.printf("  canary %s, service %s port %d, progressDeadlineSeconds %d%n", spec.key(), spec.service().name(),
                spec.service().port(), original.progressDeadline().toSeconds());
        out.printf("  analysis: interval %s, threshold %d, stepWeight %d, maxWeight %d; metrics %s%n",
                Durations.format(a.interval()), a.threshold(), a.stepWeight(), a.effectiveMaxWeight(),
                a.metrics().stream().map(ManifestDemo::check).collect(Collectors.joining(", ")));
        for (WebhookSpec hook : a.webhooks()) {
            String command = DemoLoad.heyCommandOf(hook);
            out.printf("  webhook %s (%s)%s%n", hook.name(), hook.type().wireName(),
                    command == null ? "" : ": " + command);
        }
        out.printf("the demo stands in for the cluster: its proxy, metrics and two services on 127.0.0.1 replace the"
                + " manifest's providers (%s)%n", providers(manifest));
        if (adapted.changes().isEmpty()) {
            out.println("changed for the demo: nothing");
        } else {
            out.println("changed for the demo:");
            adapted.changes().forEach(change -> out.println("  - " + change));
        }
    }

    private static String check(MetricCheck check) {
        Double min = check.thresholdRange().min();
        Double max = check.thresholdRange().max();
        String range = min != null && max != null ? number(min) + ".." + number(max)
                : min != null ? ">= " + number(min) : max != null ? "<= " + number(max) : "(no range)";
        return check.name() + " " + range + " over " + Durations.format(check.interval());
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }

    private static String providers(DemoManifest manifest) {
        ProviderSelection providers = manifest.manifest().providers();
        StringBuilder b = new StringBuilder();
        if (providers.router() != null) {
            b.append("router ").append(providers.router().name()).append(", ");
        }
        if (providers.metrics() != null) {
            b.append("metrics ").append(providers.metrics().name()).append(", ");
        }
        return b.append("target ").append(providers.target().name()).toString();
    }
}
