package dev.canary.engine;

import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Routes;
import dev.canary.spec.TargetStatus;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the runner observed in the current tick. A {@code null} field has not been observed (yet); the engine
 * asks for it with {@link Step.Observe}.
 *
 * @param target   the deployment target's status
 * @param routes   the router's weights, read back
 * @param metrics  check name to result, for every metric check of the spec
 * @param counts   check name to its counts, for every sequential check of the spec
 * @param gates    answers of the hook types consulted
 * @param commands manual commands given since the last tick
 * @param abortReason why {@link Command#ABORT} was given, or null
 */
public record Observations(
        @Nullable TargetStatus target,
        @Nullable Routes routes,
        @Nullable Map<String, MetricResult> metrics,
        @Nullable Map<String, SubjectCounts> counts,
        Map<HookType, GateResult> gates,
        Set<Command> commands,
        @Nullable String abortReason) {

    public static final Observations NONE = new Observations(null, null, null, null, Map.of(), Set.of(), null);

    public Observations {
        metrics = metrics == null ? null : Map.copyOf(metrics);
        counts = counts == null ? null : Map.copyOf(counts);
        gates = gates.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(gates));
        commands = commands.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(commands));
    }

    public static Observations withCommands(Set<Command> commands) {
        return withCommands(commands, null);
    }

    /** Nothing observed yet, and the commands given with the reason of an abort among them. */
    public static Observations withCommands(Set<Command> commands, @Nullable String abortReason) {
        return new Observations(null, null, null, null, Map.of(), commands, abortReason);
    }

    public Observations withTarget(TargetStatus target) {
        return new Observations(target, routes, metrics, counts, gates, commands, abortReason);
    }

    public Observations withRoutes(Routes routes) {
        return new Observations(target, routes, metrics, counts, gates, commands, abortReason);
    }

    public Observations withMetrics(Map<String, MetricResult> metrics) {
        return new Observations(target, routes, metrics, counts, gates, commands, abortReason);
    }

    public Observations withCounts(Map<String, SubjectCounts> counts) {
        return new Observations(target, routes, metrics, counts, gates, commands, abortReason);
    }

    public Observations withGate(HookType type, GateResult result) {
        Map<HookType, GateResult> next = new HashMap<>(gates);
        next.put(type, result);
        return new Observations(target, routes, metrics, counts, next, commands, abortReason);
    }

    /** Whether the need has been observed. */
    public boolean has(Need need) {
        return switch (need.kind()) {
            case TARGET -> target != null;
            case ROUTES -> routes != null;
            case METRICS -> metrics != null;
            case COUNTS -> counts != null;
            case GATE -> gates.containsKey(need.hook());
        };
    }
}

