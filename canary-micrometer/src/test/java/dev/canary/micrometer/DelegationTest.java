package dev.canary.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Routes;
import dev.canary.spi.DeploymentTarget;
import dev.canary.spi.MetricQuery;
import dev.canary.spi.MetricsProvider;
import dev.canary.spi.TrafficRouter;
import dev.canary.testkit.ContractSpecs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every method of each provider SPI, read by reflection (so a method added to an SPI later is covered), called on
 * the instrumented wrapper reaches the wrapped provider with the same arguments, and its answer comes back: none
 * is left to the interface's default, which would bypass the provider's own implementation.
 */
class DelegationTest {
    private static final CanarySpec SPEC = ContractSpecs.seed();
    private static final Executor BLOCKING = Runnable::run;
    private static final Map<Class<?>, Object> ARGUMENTS = Map.of(CanarySpec.class, SPEC,
            MetricQuery.class, MetricQuery.canary(SPEC, SPEC.analysis().metrics().get(0)),
            Executor.class, BLOCKING, Duration.class, Duration.ofMinutes(3), Routes.class, Routes.canary(30));

    private record Call(Method method, List<Object> arguments) {
    }

    static Stream<Arguments> methods() {
        CanaryMetrics metrics = CanaryMetrics.of(new SimpleMeterRegistry());
        return Stream.of(
                        methodsOf(MetricsProvider.class, p -> metrics.metrics((MetricsProvider) p)),
                        methodsOf(TrafficRouter.class, p -> metrics.router((TrafficRouter) p)),
                        methodsOf(DeploymentTarget.class, p -> metrics.target((DeploymentTarget) p)))
                .flatMap(s -> s);
    }

    private static Stream<Arguments> methodsOf(Class<?> spi, UnaryOperator<Object> wrap) {
        return Arrays.stream(spi.getMethods()).filter(m -> !Modifier.isStatic(m.getModifiers()))
                .map(m -> Arguments.of(spi.getSimpleName() + "." + m.getName(), spi, m, wrap));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void reachesTheWrappedProvider(String name, Class<?> spi, Method method, UnaryOperator<Object> wrap)
            throws Exception {
        List<Call> calls = new ArrayList<>();
        Object answer = answerFor(method);
        Object provider = Proxy.newProxyInstance(spi.getClassLoader(), new Class<?>[] {spi}, (proxy, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return m.getName().equals("toString") ? "recording " + spi.getSimpleName()
                        : m.getName().equals("hashCode") ? System.identityHashCode(proxy) : proxy == args[0];
            }
            calls.add(new Call(m, args == null ? List.of() : Arrays.asList(args)));
            return m.equals(method) ? answer : answerFor(m);
        });
        Object wrapper = wrap.apply(provider);
        Object[] arguments = Arrays.stream(method.getParameterTypes()).map(t -> {
            assertThat(ARGUMENTS).as("a sample argument of type %s for %s", t.getName(), name).containsKey(t);
            return ARGUMENTS.get(t);
        }).toArray();

        Object returned;
        try {
            returned = method.invoke(wrapper, arguments);
        } catch (InvocationTargetException e) {
            throw new AssertionError(name + " threw", e.getCause());
        }

        assertThat(calls).as("calls reaching the wrapped %s", spi.getSimpleName())
                .containsExactly(new Call(method, Arrays.asList(arguments)));
        if (returned instanceof CompletionStage<?> stage) {
            assertThat(stage.toCompletableFuture().join())
                    .isSameAs(((CompletionStage<?>) answer).toCompletableFuture().join());
        } else if (method.getReturnType() != void.class) {
            assertThat(returned).isSameAs(answer);
        }
    }

    /** A distinct answer of the method's return type, so that the test sees it is passed back. */
    private static Object answerFor(Method method) {
        Class<?> type = method.getReturnType();
        if (type == void.class) {
            return null;
        }
        if (type == boolean.class) {
            return Boolean.TRUE;
        }
        if (CompletionStage.class.isAssignableFrom(type)) {
            java.lang.reflect.Type of = ((java.lang.reflect.ParameterizedType) method.getGenericReturnType())
                    .getActualTypeArguments()[0];
            return CompletableFuture.completedFuture(answerOf(of instanceof Class<?> c ? c : Object.class));
        }
        return answerOf(type);
    }

    private static Object answerOf(Class<?> type) {
        if (type == MetricResult.class) {
            return MetricResult.value(42);
        }
        if (type.isInterface() && type.getPackageName().startsWith("java.util")) {
            return type == List.class ? new ArrayList<>(List.of("x")) : new java.util.HashSet<>(List.of("x"));
        }
        if (type == Routes.class) {
            return Routes.canary(20);
        }
        if (type == dev.canary.spec.TargetStatus.class) {
            return new dev.canary.spec.TargetStatus("v2", "v1", dev.canary.spec.Readiness.READY,
                    dev.canary.spec.Readiness.READY);
        }
        return null;
    }
}
