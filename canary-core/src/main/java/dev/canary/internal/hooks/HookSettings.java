package dev.canary.internal.hooks;

import dev.canary.AlertProvider;
import dev.canary.Gate;
import dev.canary.InvalidSpecException;
import dev.canary.LoadTest;
import dev.canary.WebhookSignature;
import dev.canary.internal.load.LoadTests;
import dev.canary.spec.AlertSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.WebhookSpec;
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
 * What a run's hooks are configured with on {@code CanaryRun.Builder}: in-process and manual gates, load tests,
 * gate deadlines, the webhook signing key, allowed commands and alert providers. Immutable once built.
 */
public final class HookSettings {
    final Map<String, Gate> gates;
    final Set<String> manualGates;
    final Map<String, LoadTest> loadTests;
    final Map<String, Duration> deadlines;
    final byte @Nullable [] signingKey;
    final Set<String> allowedCommands;
    final Map<String, AlertProvider> alertProviders;

    private HookSettings(Builder b, Map<String, Gate> gates) {
        this.gates = Map.copyOf(gates);
        this.manualGates = Set.copyOf(b.manualGates);
        this.loadTests = Map.copyOf(b.loadTests);
        this.deadlines = Map.copyOf(b.deadlines);
        this.signingKey = b.signingKey;
        this.allowedCommands = Set.copyOf(b.allowedCommands);
        this.alertProviders = Map.copyOf(b.alertProviders);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The webhooks of {@code spec} answered in this process, which need no URL. */
    public Set<String> answeredInProcess(CanarySpec spec) {
        Set<String> names = new LinkedHashSet<>(gates.keySet());
        names.addAll(manualGates);
        names.addAll(loadTests.keySet());
        spec.analysis().webhooks().stream().filter(h -> command(h) != null).forEach(h -> names.add(h.name()));
        return names;
    }

    /** The command of a Flagger load-tester webhook ({@code metadata.cmd}, type {@code cmd}), or null. */
    static @Nullable String command(WebhookSpec hook) {
        if (hook.type() != HookType.ROLLOUT && hook.type() != HookType.PRE_ROLLOUT) {
            return null;
        }
        String type = hook.metadata().getOrDefault("type", "cmd");
        return type.equals("cmd") ? hook.metadata().get("cmd") : null;
    }

    /** Collects the settings; {@link #build} checks them against the spec. Not thread-safe. */
    public static final class Builder {
        private final Set<String> manualGates = new LinkedHashSet<>();
        private final Map<String, LoadTest> loadTests = new LinkedHashMap<>();
        private final Map<String, Duration> deadlines = new LinkedHashMap<>();
        private byte @Nullable [] signingKey;
        private final Set<String> allowedCommands = new LinkedHashSet<>();
        private final Map<String, AlertProvider> alertProviders = new LinkedHashMap<>();

        private Builder() {
        }

        public void manualGate(String name) {
            manualGates.add(Objects.requireNonNull(name, "name == null"));
        }

        public void loadTest(String name, LoadTest test) {
            loadTests.put(Objects.requireNonNull(name, "name == null"), Objects.requireNonNull(test, "test == null"));
        }

        public void deadline(String name, Duration deadline) {
            Objects.requireNonNull(name, "name == null");
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("the deadline of gate '" + name + "' must be more than 0 but was "
                        + deadline);
            }
            deadlines.put(name, deadline);
        }

        public void signingKey(byte[] key) {
            if (key.length < WebhookSignature.MIN_KEY_BYTES) {
                throw new IllegalArgumentException("a webhook signing key must have at least "
                        + WebhookSignature.MIN_KEY_BYTES + " bytes but had " + key.length
                        + "; use 32 random bytes");
            }
            signingKey = key.clone();
        }

        public void allowCommand(String program) {
            if (program.isBlank() || program.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("an allowed command is one program name, such as \"hey\", but was \""
                        + program + "\"");
            }
            allowedCommands.add(program);
        }

        public void alertProvider(String name, AlertProvider provider) {
            alertProviders.put(Objects.requireNonNull(name, "name == null"),
                    Objects.requireNonNull(provider, "provider == null"));
        }

        /** @throws InvalidSpecException listing every setting that does not fit the spec */
        public HookSettings build(CanarySpec spec, Map<String, Gate> gates) {
            HookSettings settings = new HookSettings(this, gates);
            List<String> problems = new ArrayList<>();
            Map<String, WebhookSpec> hooks = spec.analysis().webhooks().stream()
                    .collect(Collectors.toMap(WebhookSpec::name, h -> h, (a, b) -> a, LinkedHashMap::new));
            Checks checks = new Checks(hooks, problems);
            manualGates.forEach(name -> checks.manualGate(name, gates));
            loadTests.keySet().forEach(name -> checks.loadTest(name, gates, manualGates));
            deadlines.keySet().forEach(checks::deadline);
            spec.analysis().alerts().forEach(alert -> checks.alert(alert, alertProviders));
            hooks.values().forEach(hook -> checks.command(hook, settings));
            if (!problems.isEmpty()) {
                throw new InvalidSpecException(spec.key(), problems);
            }
            return settings;
        }
    }

    /** The checks of {@link Builder#build}, each adding its problems. */
    private record Checks(Map<String, WebhookSpec> hooks, List<String> problems) {
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
            HookType type = hooks.get(name).type();
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
            HookType type = hooks.get(name).type();
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
            if (command == null || settings.gates.containsKey(hook.name())
                    || settings.manualGates.contains(hook.name()) || settings.loadTests.containsKey(hook.name())) {
                return;
            }
            String problem = LoadTests.problem(command, settings.allowedCommands);
            if (problem != null) {
                problems.add("webhook '" + hook.name() + "' (metadata.cmd): " + problem);
            }
        }
    }
}
