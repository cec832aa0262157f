package dev.canary.examples;

import dev.canary.LoadTest;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.WebhookSpec;
import dev.canary.spi.Durations;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Makes a manifest's spec runnable on the demo stack, keeping its names and settings except what the demo has to
 * change, and describing every change for the output:
 * <ul>
 *   <li>{@code --interval} replaces {@code analysis.interval}; the metric windows are scaled by the same factor
 *       (each check keeps spanning as many intervals as in the manifest, and at least two);</li>
 *   <li>the URL of each {@code hey} load test points at the demo proxy instead of the cluster service (path and
 *       query kept), and each such rollout hook gets a pre-rollout twin, so the load starts with the first step
 *       (see {@link DemoLoad});</li>
 *   <li>other webhooks, whose receivers live in the cluster, are answered in the process: approved, or "no
 *       rollback" for rollback hooks.</li>
 * </ul>
 * Only the builtin checks can be measured at the proxy: a manifest with queries or templates is refused. Stateless.
 */
final class ManifestAdapter {
    /** Fewest analysis intervals a metric window spans after scaling. */
    static final int MIN_WINDOW_INTERVALS = 2;

    /**
     * The adapted spec.
     *
     * @param spec     what the demo runs
     * @param changes  one line per change, such as {@code analysis.interval 10s -> 2s (--interval)}
     * @param answered webhooks the demo answers in the process (their receivers are in the cluster)
     */
    record Adapted(CanarySpec spec, List<String> changes, Set<String> answered) {
        Adapted {
            Objects.requireNonNull(spec, "spec == null");
            changes = List.copyOf(changes);
            answered = Set.copyOf(answered);
        }
    }

    private ManifestAdapter() {
    }

    /**
     * What keeps {@code spec} from running on the demo stack: checks other than the builtin ones, and hey commands
     * the built-in generator cannot run. Empty when it can run.
     */
    static List<String> problems(CanarySpec spec) {
        List<String> problems = new ArrayList<>();
        for (MetricCheck check : spec.analysis().metrics()) {
            if (!check.isBuiltin()) {
                problems.add("metric '" + check.name() + "' needs a query or MetricTemplate, but the demo measures "
                        + "only the builtin " + MetricCheck.REQUEST_SUCCESS_RATE + " and "
                        + MetricCheck.REQUEST_DURATION + " at its proxy; remove it to run the manifest in the demo");
            }
        }
        for (WebhookSpec hook : spec.analysis().webhooks()) {
            String command = DemoLoad.heyCommandOf(hook);
            if (command != null && loadsOnRollout(hook)) {
                try {
                    LoadTest.fromHey(command);
                } catch (IllegalArgumentException e) {
                    problems.add("webhook '" + hook.name() + "': " + e.getMessage());
                }
            }
        }
        return problems;
    }

    /** {@code spec} on the demo stack behind {@code proxy}, with {@code interval} instead of its own if not null. */
    static Adapted adapt(CanarySpec spec, @Nullable Duration interval, URI proxy) {
        List<String> changes = new ArrayList<>();
        AnalysisSpec analysis = spec.analysis();
        AnalysisSpec.Builder b = analysis.toBuilder();
        if (interval != null && !interval.equals(analysis.interval())) {
            changes.add("analysis.interval " + Durations.format(analysis.interval()) + " -> "
                    + Durations.format(interval) + " (--interval)");
            b.interval(interval).metrics(scaledWindows(analysis, interval, changes));
        }
        Set<String> answered = new LinkedHashSet<>();
        Duration every = interval != null ? interval : analysis.interval();
        List<WebhookSpec> hooks = webhooks(analysis.webhooks(), proxy, changes, answered);
        hooks.stream().filter(h -> h.timeout().compareTo(every) > 0).forEach(h -> changes.add("webhook " + h.name()
                + ": timeout " + Durations.format(h.timeout()) + " -> " + Durations.format(every)
                + " (at most the interval)"));
        b.webhooks(DemoLoad.withinInterval(hooks, every));
        return new Adapted(spec.toBuilder().analysis(b.build()).build(), changes, answered);
    }

    private static List<MetricCheck> scaledWindows(AnalysisSpec analysis, Duration interval, List<String> changes) {
        double factor = (double) interval.toMillis() / analysis.interval().toMillis();
        Duration least = interval.multipliedBy(MIN_WINDOW_INTERVALS);
        List<MetricCheck> scaled = new ArrayList<>();
        Map<String, List<String>> byChange = new LinkedHashMap<>();
        for (MetricCheck check : analysis.metrics()) {
            Duration window = Duration.ofMillis(Math.round(check.interval().toMillis() * factor / 1000.0) * 1000);
            if (window.compareTo(least) < 0) {
                window = least;
            }
            scaled.add(check.toBuilder().interval(window).build());
            if (!window.equals(check.interval())) {
                byChange.computeIfAbsent(Durations.format(check.interval()) + " -> " + Durations.format(window),
                        k -> new ArrayList<>()).add(check.name());
            }
        }
        byChange.forEach((change, names) -> changes.add("metrics " + String.join(", ", names) + ": interval "
                + change + " (scaled with analysis.interval, at least " + MIN_WINDOW_INTERVALS + " intervals)"));
        return scaled;
    }

    private static List<WebhookSpec> webhooks(List<WebhookSpec> hooks, URI proxy, List<String> changes,
            Set<String> answered) {
        Set<String> startedBefore = hooks.stream().filter(h -> h.type() == HookType.PRE_ROLLOUT)
                .map(DemoLoad::heyCommandOf).filter(Objects::nonNull).collect(Collectors.toSet());
        List<WebhookSpec> result = new ArrayList<>();
        List<WebhookSpec> twins = new ArrayList<>();
        for (WebhookSpec hook : hooks) {
            String command = DemoLoad.heyCommandOf(hook);
            if (command == null || !loadsOnRollout(hook)) {
                answered.add(hook.name());
                changes.add("webhook " + hook.name() + " (" + hook.type().wireName() + "): answered '"
                        + (hook.type() == HookType.ROLLBACK ? "no rollback" : "approve")
                        + "' by the demo, its receiver is in the cluster");
                result.add(hook);
                continue;
            }
            String local = retarget(hook, command, proxy, changes);
            WebhookSpec moved = withCommand(hook, local);
            result.add(moved);
            if (hook.type() == HookType.ROLLOUT && !startedBefore.contains(command)) {
                WebhookSpec twin = DemoLoad.startTwin(moved);
                twins.add(twin);
                startedBefore.add(command);
                changes.add("webhook " + twin.name() + ": added, pre-rollout, same command as " + hook.name()
                        + ", so the load starts with the first step (rollout hooks run from the second analysis on)");
            }
        }
        twins.addAll(result);
        return twins;
    }

    /** The command with its URL's scheme, host and port replaced by the proxy's. */
    private static String retarget(WebhookSpec hook, String command, URI proxy, List<String> changes) {
        URI target = LoadTest.fromHey(command).url();
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        URI local = URI.create(proxy.getScheme() + "://" + proxy.getRawAuthority() + path
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
        changes.add("webhook " + hook.name() + ": hey target " + target + " -> " + local
                + " (the demo proxy stands in for the cluster service)");
        return command.replace(target.toString(), local.toString());
    }

    private static WebhookSpec withCommand(WebhookSpec hook, String command) {
        Map<String, String> metadata = new LinkedHashMap<>(hook.metadata());
        metadata.put("cmd", command);
        return new WebhookSpec(hook.name(), hook.type(), hook.url(), hook.timeout(), metadata, hook.retries(),
                hook.muteAlert(), hook.disableTls());
    }

    private static boolean loadsOnRollout(WebhookSpec hook) {
        return hook.type() == HookType.ROLLOUT || hook.type() == HookType.PRE_ROLLOUT;
    }
}
