package dev.canary.internal.hooks;

import dev.canary.AlertProvider;
import dev.canary.Gate;
import dev.canary.internal.load.LoadTests;
import dev.canary.spec.AlertSpec;
import dev.canary.spec.HookType;
import dev.canary.spec.WebhookSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The checks of {@link HookSettings.Builder#build}, each adding its problems to {@code problems}. */
record SettingsChecks(Map<String, WebhookSpec> hooks, List<String> problems) {
    private boolean exists(String setting, String name) {
        if (!hooks.containsKey(name)) {
            problems.add(setting + "(\"" + name + "\") names no webhook of the spec; its webhooks are "
                    + hooks.keySet());
            return false;
        }
        return true;
    }

    void manualGate(String name, Map<String, Gate> gates) {
        if (exists("manualGate", name) && gates.containsKey(name)) {
            problems.add("webhook '" + name + "' is both a gate and a manual gate: register only one");
        }
    }

    void loadTest(String name, Map<String, Gate> gates, Set<String> manual) {
        if (!exists("loadTest", name)) {
            return;
        }
        HookType type = Objects.requireNonNull(hooks.get(name)).type();
        if (type != HookType.ROLLOUT && type != HookType.PRE_ROLLOUT) {
            problems.add("loadTest(\"" + name + "\") needs a rollout or pre-rollout webhook but '" + name
                    + "' is " + type.wireName());
        }
        if (gates.containsKey(name) || manual.contains(name)) {
            problems.add("webhook '" + name + "' is both a load test and a gate: register only one");
        }
    }

    void deadline(String name) {
        if (!exists("gateDeadline", name)) {
            return;
        }
        HookType type = Objects.requireNonNull(hooks.get(name)).type();
        if (type == HookType.ROLLBACK || type == HookType.POST_ROLLOUT || type == HookType.EVENT) {
            problems.add("gateDeadline(\"" + name + "\", ...): '" + name + "' is a " + type.wireName()
                    + " hook, which never keeps a run waiting; deadlines apply to confirm-rollout, "
                    + "confirm-traffic-increase, confirm-promotion, pre-rollout and rollout hooks");
        }
    }

    void alert(AlertSpec alert, Map<String, AlertProvider> providers) {
        String provider = alert.providerRef().name();
        if (!providers.containsKey(provider)) {
            problems.add("alert '" + alert.name() + "' sends to provider '" + provider + "' but no alert provider "
                    + "is registered under that name: call CanaryRun.builder().alertProvider(\"" + provider
                    + "\", AlertProvider.slack(...))");
        }
    }

    void command(WebhookSpec hook, HookSettings settings) {
        String command = HookSettings.command(hook);
        if (command == null || !settings.runsCommandHere(hook) || settings.gates.containsKey(hook.name())
                || settings.manualGates.contains(hook.name()) || settings.loadTests.containsKey(hook.name())) {
            return;
        }
        String problem = LoadTests.problem(command, settings.allowedCommands);
        if (problem != null) {
            problems.add("webhook '" + hook.name() + "' (metadata.cmd): " + problem);
        }
    }
}
