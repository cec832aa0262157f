package dev.canary.internal.load;

import dev.canary.LoadTest;
import dev.canary.spec.GateResult;
import okhttp3.OkHttpClient;

/**
 * The built-in generator as a hook: each report covers the requests since the previous one, and fails when no
 * request got a response (nothing sent, or every request failed to connect or timed out). Thread-safe.
 */
final class BuiltInJob implements LoadJob {
    private final String label;
    private final LoadGenerator generator;
    private LoadReport reported = LoadReport.EMPTY;

    BuiltInJob(String label, LoadTest test, OkHttpClient http, String threadName) {
        this.label = label;
        this.generator = LoadGenerator.start(test, http, threadName);
    }

    @Override
    public boolean isRunning() {
        return generator.isRunning();
    }

    @Override
    public synchronized GateResult progress() {
        LoadReport now = generator.report();
        LoadReport delta = now.since(reported);
        reported = now;
        String detail = label + ": " + delta.describe() + " since the last tick (" + now.sent() + " in total"
                + (generator.isRunning() ? "" : ", finished") + ")";
        if (delta.responses() == 0) {
            String why = delta.sent() == 0 ? "sent no request" : "got no response to any request";
            return LoadJob.answer(false, label + " " + why + " since the last tick: " + delta.describe()
                    + "; check the URL and that the target is reachable");
        }
        return LoadJob.answer(true, detail);
    }

    @Override
    public void stop() {
        generator.stop();
    }
}
