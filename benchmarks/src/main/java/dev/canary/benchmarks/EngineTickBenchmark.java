package dev.canary.benchmarks;

import dev.canary.engine.Decision;
import dev.canary.engine.Engine;
import dev.canary.engine.Need;
import dev.canary.engine.Observations;
import dev.canary.engine.RunState;
import dev.canary.engine.Step;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Readiness;
import dev.canary.spec.Routes;
import dev.canary.spec.TargetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one healthy analysis tick of the pure engine: from the state at weight 20 with everything observed
 * (target, routes, both checks) to the decision to step to 30. Run with {@code -prof gc} for allocation per tick.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineTickBenchmark {
    private CanarySpec spec;
    private RunState state;
    private Observations observed;
    private Instant now;

    @Setup
    public void setUp() {
        spec = FakeFleet.spec(0, Duration.ofSeconds(10));
        now = Instant.parse("2026-11-30T10:00:00Z");
        state = RunState.initial();
        // drive the engine through bootstrap and the first steps, observing a healthy fleet
        Routes routes = Routes.PRIMARY_ONLY;
        String primary = null;
        for (int tick = 0; tick < 100 && state.canaryWeight() < 20; tick++) {
            Decision decision = decide(state, routes, primary);
            for (var action : decision.actions()) {
                if (action instanceof dev.canary.engine.Action.SetRoutes set) {
                    routes = set.routes();
                } else if (action instanceof dev.canary.engine.Action.Initialize) {
                    primary = "v1";
                }
            }
            state = decision.state();
            now = now.plus(spec.analysis().interval());
        }
        if (state.canaryWeight() < 20) {
            throw new IllegalStateException("the engine did not reach weight 20: " + state.phase());
        }
        observed = observeAll(Observations.NONE, routes, primary);
    }

    @Benchmark
    public Step tick() {
        return Engine.step(spec, state, observed, now);
    }

    private Decision decide(RunState s, Routes routes, String primary) {
        Observations o = Observations.NONE;
        for (int round = 0; round < 16; round++) {
            Step step = Engine.step(spec, s, o, now);
            if (step instanceof Decision d) {
                return d;
            }
            o = observeAll(o, routes, primary);
            for (Need need : ((Step.Observe) step).needs()) {
                if (need.kind() == Need.Kind.GATE) {
                    o = o.withGate(need.hook(), dev.canary.spec.GateResult.approve());
                }
            }
        }
        throw new IllegalStateException("no decision");
    }

    private Observations observeAll(Observations o, Routes routes, String primary) {
        Map<String, MetricResult> metrics = new LinkedHashMap<>();
        for (MetricCheck check : spec.analysis().metrics()) {
            metrics.put(check.name(), MetricResult.value(100));
        }
        return o.withTarget(new TargetStatus("v2", primary, Readiness.READY, Readiness.READY)).withRoutes(routes)
                .withMetrics(metrics);
    }
}
