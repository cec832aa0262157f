package dev.canary.examples;

import dev.canary.LoadTest;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.WebhookSpec;
import dev.canary.spi.Durations;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The demos' traffic, written as Flagger's load tester webhooks ({@code metadata.type: cmd},
 * {@code metadata.cmd: "hey ..."}), which the library runs on its built-in load generator. The engine consults
 * rollout hooks from the second analysis tick on, so each rollout hook gets a pre-rollout twin with the same
 * command: the library runs one generator per command and canary, which the twin starts at the first step and the
 * rollout hook then reports on every tick. Stateless.
 */
final class DemoLoad {
    /** The name of the demo's rollout hook, as in Flagger's examples. */
    static final String HOOK = "load-test";
    /** Appended to a rollout hook's name for its pre-rollout twin. */
    static final String START_SUFFIX = "-start";
    /** The most hey workers the demo asks for; more requests per second raise the rate per worker. */
    static final int MAX_WORKERS = 10;

    private DemoLoad() {
    }

    /**
     * A hey command sending {@code rps} GET requests per second to {@code target} for {@code duration} (at most
     * {@link LoadTest#MAX_DURATION}; the run stops it when it ends): {@code hey -z 1m30s -q 5 -c 10 http://...}.
     */
    static String heyCommand(URI target, int rps, Duration duration) {
        if (rps < 1) {
            throw new IllegalArgumentException("rps must be at least 1 but was " + rps);
        }
        int workers = Math.min(rps, MAX_WORKERS);
        String perWorker = BigDecimal.valueOf(rps).divide(BigDecimal.valueOf(workers), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
        Duration z = duration.compareTo(LoadTest.MAX_DURATION) > 0 ? LoadTest.MAX_DURATION : duration;
        return "hey -z " + Durations.format(z) + " -q " + perWorker + " -c " + workers + " " + target.resolve("/");
    }

    /**
     * {@code hooks} with every timeout at most {@code interval} (a spec requires it: a hook is answered within one
     * tick), for demos that tick faster than the manifests they run.
     */
    static List<WebhookSpec> withinInterval(List<WebhookSpec> hooks, Duration interval) {
        return hooks.stream().map(h -> h.timeout().compareTo(interval) <= 0 ? h
                : new WebhookSpec(h.name(), h.type(), h.url(), interval, h.metadata(), h.retries(), h.muteAlert(),
                        h.disableTls())).toList();
    }

    /** {@code spec} with a rollout hook {@value #HOOK} running {@code command}, and its pre-rollout twin. */
    static CanarySpec withLoad(CanarySpec spec, String command) {
        Duration interval = spec.analysis().interval();
        WebhookSpec hook = new WebhookSpec(HOOK, HookType.ROLLOUT, null,
                WebhookSpec.DEFAULT_TIMEOUT.compareTo(interval) <= 0 ? WebhookSpec.DEFAULT_TIMEOUT : interval,
                Map.of("type", "cmd", "cmd", command), 0, false, false);
        List<WebhookSpec> hooks = new ArrayList<>(spec.analysis().webhooks());
        hooks.add(startTwin(hook));
        hooks.add(hook);
        return spec.toBuilder().analysis(spec.analysis().toBuilder().webhooks(hooks).build()).build();
    }

    /** The pre-rollout twin of a rollout {@code hook}: same command, named {@code <name>-start}. */
    static WebhookSpec startTwin(WebhookSpec hook) {
        return new WebhookSpec(hook.name() + START_SUFFIX, HookType.PRE_ROLLOUT, hook.url(), hook.timeout(),
                hook.metadata(), hook.retries(), hook.muteAlert(), hook.disableTls());
    }

    /** The hey command of a load tester webhook ({@code metadata.cmd} starting with hey), or null. */
    static @Nullable String heyCommandOf(WebhookSpec hook) {
        String type = hook.metadata().getOrDefault("type", "cmd");
        String cmd = hook.metadata().get("cmd");
        if (!type.equals("cmd") || cmd == null || cmd.isBlank()) {
            return null;
        }
        String program = cmd.strip().split("\\s+", 2)[0];
        return program.equals("hey") || program.endsWith("/hey") ? cmd : null;
    }
}
