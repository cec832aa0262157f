package dev.canary.internal.hooks;

import dev.canary.CanaryEvent;
import dev.canary.Gate;
import dev.canary.GateRequest;
import dev.canary.LoadTest;
import dev.canary.engine.RunState;
import dev.canary.internal.Hooks;
import dev.canary.internal.load.LoadTests;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.GateAnswer;
import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import dev.canary.spec.Redaction;
import dev.canary.spec.WebhookSpec;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hooks of a run. A webhook is answered by, in this order: the in-process {@link Gate} registered under its
 * name, the manual gate of that name, the load test of that name, the command of its {@code metadata.cmd}
 * (rollout and pre-rollout hooks without a URL, or any when commands run in process), else an HTTP POST
 * of Flagger's payload (a {@code cmd} hook's URL is Flagger's load tester, which runs the command). Gate deadlines apply to all of them.
 * Event hooks and alerts are delivered in the background. Thread-safe.
 */
public final class SpecHooks implements Hooks {
    /** How long the end of a run waits for queued event hooks and alerts. */
    static final Duration DRAIN = Duration.ofSeconds(10);
    private static final Logger logger = LoggerFactory.getLogger(SpecHooks.class);

    private final HookSettings settings;
    private final Clock clock;
    private final WebhookClient client;
    private final ManualGates manual;
    private final GateDeadlines deadlines;
    private final LoadTests loads;
    private final Dispatcher dispatcher;
    private final Alerts alerts;

    public SpecHooks(HookSettings settings, Clock clock, OkHttpClient http) {
        this(settings, clock, http, WebhookClient.DEFAULT_BACKOFF);
    }

    /**
     * Hooks whose event hooks and alerts are delivered on {@code deliveries}, an executor shared by many runs (each
     * run's deliveries stay in order, one at a time).
     */
    public SpecHooks(HookSettings settings, Clock clock, OkHttpClient http, java.util.concurrent.Executor deliveries) {
        this(settings, clock, http, WebhookClient.DEFAULT_BACKOFF, new Dispatcher("canary-notify", deliveries));
    }

    SpecHooks(HookSettings settings, Clock clock, OkHttpClient http, IntervalFunction backoff) {
        this(settings, clock, http, backoff, new Dispatcher("canary-notify"));
    }

    private SpecHooks(HookSettings settings, Clock clock, OkHttpClient http, IntervalFunction backoff,
            Dispatcher dispatcher) {
        this.settings = settings;
        this.clock = clock;
        this.client = new WebhookClient(http, clock, settings.signingKey, backoff);
        this.manual = new ManualGates(settings.manualGates);
        this.deadlines = new GateDeadlines(settings.deadlines, clock);
        this.loads = new LoadTests(http, settings.allowedCommands);
        this.dispatcher = dispatcher;
        this.alerts = new Alerts(settings.alertProviders, dispatcher);
    }

    @Override
    public GateResult consult(CanarySpec spec, RunState state, HookType type) {
        List<String> waiting = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        for (WebhookSpec hook : spec.analysis().webhooks(type)) {
            GateResult result = deadlines.apply(hook, ask(spec, state, hook));
            if (type == HookType.ROLLBACK) {
                if (result.answer() == GateAnswer.APPROVE) {
                    manual.passed(type);
                    return result;
                }
                waiting.add(result.detail());
            } else if (result.answer() != GateAnswer.APPROVE) {
                if (result.answer() == GateAnswer.DENY && (type == HookType.ROLLOUT || type == HookType.PRE_ROLLOUT)) {
                    logger.warn("canary {}: {} webhook '{}' failed: {}", spec.key(), type.wireName(),
                            Redaction.oneLine(hook.name()), Redaction.logged(result.detail()));
                }
                if (type == HookType.PRE_ROLLOUT && result.answer() == GateAnswer.DENY) {
                    alerts.preRolloutFailed(spec, state, clock.instant(), result.detail());
                }
                return result;
            } else if (!result.detail().isEmpty()) {
                passed.add(result.detail());
            }
        }
        if (type == HookType.ROLLBACK) {
            return GateResult.waiting(String.join("; ", waiting));
        }
        manual.passed(type);
        return new GateResult(GateAnswer.APPROVE, String.join("; ", passed));
    }

    @Override
    public void fire(CanarySpec spec, RunState state, HookType type) {
        for (WebhookSpec hook : spec.analysis().webhooks(type)) {
            GateResult result = ask(spec, state, hook);
            if (result.answer() != GateAnswer.APPROVE) {
                logger.warn("canary {}: {} hook failed: {}", spec.key(), type.wireName(),
                        Redaction.logged(result.detail()));
            }
        }
    }

    @Override
    public void publish(CanarySpec spec, RunState state, CanaryEvent event) {
        for (WebhookSpec hook : spec.analysis().webhooks(HookType.EVENT)) {
            Gate gate = settings.gates.get(hook.name());
            byte[] payload = WebhookPayloads.forEvent(spec, state, hook, event);
            dispatcher.submit("event hook '" + hook.name() + "' of " + spec.key(), () -> {
                GateResult result = gate != null ? gate.decide(request(spec, state, hook))
                        : answer(hook, client.post(hook, payload));
                if (result.answer() != GateAnswer.APPROVE) {
                    logger.warn("canary {}: event hook not delivered: {}", spec.key(),
                            Redaction.logged(result.detail()));
                }
            });
        }
        alerts.publish(spec, state, event);
    }

    @Override
    public void answer(CanarySpec spec, HookType type, GateAnswer answer, String reason) {
        if (spec.analysis().webhooks(type).stream().noneMatch(h -> manual.contains(h.name()))) {
            Hooks.super.answer(spec, type, answer, reason);
        }
        manual.answer(type, answer, reason);
    }

    @Override
    public java.util.Map<HookType, GateResult> manualAnswers() {
        return manual.snapshot();
    }

    @Override
    public void close() {
        loads.stopAll();
        dispatcher.drain(DRAIN);
        manual.clear();
        deadlines.clear();
        alerts.reset();
    }

    private GateResult ask(CanarySpec spec, RunState state, WebhookSpec hook) {
        Gate gate = settings.gates.get(hook.name());
        if (gate != null) {
            try {
                return named(hook, gate.decide(request(spec, state, hook)));
            } catch (RuntimeException e) {
                return failure(hook, "the gate threw " + e);
            }
        }
        if (manual.contains(hook.name())) {
            return named(hook, manual.ask(hook));
        }
        LoadTest test = settings.loadTests.get(hook.name());
        if (test != null) {
            return named(hook, loads.loadTest(spec.key(), hook.name(), test));
        }
        String command = HookSettings.command(hook);
        if (command != null && settings.runsCommandHere(hook)) {
            return named(hook, loads.command(spec.key(), command));
        }
        if (hook.url() == null) {
            return failure(hook, "no url and nothing registered under this name to answer it");
        }
        return answer(hook, client.post(hook, WebhookPayloads.forHook(spec, state, hook)));
    }

    private static GateRequest request(CanarySpec spec, RunState state, WebhookSpec hook) {
        return new GateRequest(spec, hook, state.phase(), state.canaryWeight(), state.failedChecks());
    }

    private static GateResult answer(WebhookSpec hook, WebhookClient.Outcome outcome) {
        return outcome.ok() ? new GateResult(GateAnswer.APPROVE, outcome.detail()) : failure(hook, outcome.detail());
    }

    private static GateResult named(WebhookSpec hook, GateResult result) {
        return result.detail().isEmpty() ? result
                : new GateResult(result.answer(), hook.name() + ": " + result.detail());
    }

    /** An unreachable or failing hook: a failed check for (pre-)rollout hooks, otherwise a wait. */
    private static GateResult failure(WebhookSpec hook, String detail) {
        String message = hook.name() + ": " + detail;
        return switch (hook.type()) {
            case PRE_ROLLOUT, ROLLOUT -> GateResult.deny(message);
            default -> GateResult.waiting(message);
        };
    }
}
