package dev.canary.internal.hooks;

import dev.canary.AlertProvider;
import dev.canary.Gate;
import dev.canary.LoadTest;
import dev.canary.WebhookSignature;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.InvalidSpecException;
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
    /** Whether {@code cmd} webhooks with a URL run in this process instead of on the load tester at the URL. */
    final boolean commandsInProcess;
    final Map<String, AlertProvider> alertProviders;

    private HookSettings(Builder b, Map<String, Gate> gates) {
        this.gates = Map.copyOf(gates);
        this.manualGates = Set.copyOf(b.manualGates);
        this.loadTests = Map.copyOf(b.loadTests);
        this.deadlines = Map.copyOf(b.deadlines);
        this.signingKey = b.signingKey;
        this.allowedCommands = Set.copyOf(b.allowedCommands);
        this.commandsInProcess = b.commandsInProcess;
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
        spec.analysis().webhooks().stream().filter(this::runsCommandHere).forEach(h -> names.add(h.name()));
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

    /**
     * Whether {@code hook} is a load tester command run in this process: one without a URL, or any when
     * {@link #commandsInProcess}. Otherwise its URL (Flagger's load tester) receives it.
     */
    boolean runsCommandHere(WebhookSpec hook) {
        return command(hook) != null && (commandsInProcess || hook.url() == null);
    }

    /** Collects the settings; {@link #build} checks them against the spec. Not thread-safe. */
    public static final class Builder {
        private final Set<String> manualGates = new LinkedHashSet<>();
        private final Map<String, LoadTest> loadTests = new LinkedHashMap<>();
        private final Map<String, Duration> deadlines = new LinkedHashMap<>();
        private byte @Nullable [] signingKey;
        private final Set<String> allowedCommands = new LinkedHashSet<>();
        private boolean commandsInProcess;
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

        public void commandsInProcess(boolean inProcess) {
            this.commandsInProcess = inProcess;
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
            SettingsChecks checks = new SettingsChecks(hooks, problems);
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
}
