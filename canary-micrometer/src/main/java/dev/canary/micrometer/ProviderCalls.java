package dev.canary.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Times the calls of one provider and counts its errors. Thread-safe. */
final class ProviderCalls {
    private final MeterRegistry registry;
    private final String provider;

    ProviderCalls(MeterRegistry registry, String provider) {
        this.registry = registry;
        this.provider = provider;
    }

    <T> T call(String operation, Supplier<T> call) {
        return call(operation, call, result -> false);
    }

    /** Runs {@code call}; a thrown exception or a result {@code failed} accepts counts as an error. */
    <T> T call(String operation, Supplier<T> call, Predicate<T> failed) {
        long start = System.nanoTime();
        boolean error = true;
        try {
            T result = call.get();
            error = failed.test(result);
            return result;
        } finally {
            record(operation, System.nanoTime() - start, error);
        }
    }

    /**
     * Starts {@code call} and times it until its stage completes; a thrown exception, a failed stage or a result
     * {@code failed} accepts counts as an error.
     */
    <T> CompletionStage<T> callAsync(String operation, Supplier<? extends CompletionStage<T>> call,
            Predicate<T> failed) {
        long start = System.nanoTime();
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException | Error e) {
            record(operation, System.nanoTime() - start, true);
            throw e;
        }
        return stage.whenComplete((result, failure) -> record(operation, System.nanoTime() - start,
                failure != null || failed.test(result)));
    }

    <T> CompletionStage<T> callAsync(String operation, Supplier<? extends CompletionStage<T>> call) {
        return callAsync(operation, call, result -> false);
    }

    void run(String operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return Boolean.TRUE;
        });
    }

    private void record(String operation, long nanos, boolean error) {
        Timer.builder("canary.provider.calls").description("calls from runs to their providers")
                .tags("provider", provider, "operation", operation, "outcome", error ? "error" : "success")
                .register(registry).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (error) {
            Counter.builder("canary.provider.errors").description("provider calls that failed")
                    .tags("provider", provider, "operation", operation).register(registry).increment();
        }
    }
}
