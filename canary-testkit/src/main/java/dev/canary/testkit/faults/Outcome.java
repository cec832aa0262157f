package dev.canary.testkit.faults;

import dev.canary.CanaryExecution;
import dev.canary.CanaryResult;
import dev.canary.spec.Phase;
import dev.canary.spec.Routes;

/**
 * What happened in one fault trial, as the ledger counts it.
 *
 * @param promoted       the canary was promoted
 * @param rolledBack     the canary was rolled back
 * @param lost           the run or its state was lost (ended exceptionally, restarted from scratch, ...)
 * @param hung           the run stopped making progress within the trial's real-time bound
 * @param trafficLeft    the run ended (or stopped) with traffic still on the canary
 * @param secretsLeaked  secrets found in an output channel (exceptions, toString, evidence, events, logs, results)
 * @param detail         one line on what was seen, shown when the trial did not go as expected
 */
public record Outcome(boolean promoted, boolean rolledBack, boolean lost, boolean hung, boolean trafficLeft,
        int secretsLeaked, String detail) {

    /** A run that is still going (holding) when the trial stopped it, with nothing else to report. */
    public static Outcome holding(String detail) {
        return new Outcome(false, false, false, false, false, 0, detail);
    }

    /** A trial about secrets only: {@code leaks} secrets were found. */
    public static Outcome leaks(int leaks, String detail) {
        return new Outcome(false, false, false, false, false, leaks, detail);
    }

    /**
     * The outcome of {@code run} as it is now, driven by the test itself: promoted or rolled back when it ended
     * so, lost when it ended with an exception, hung when it has not ended, traffic left when it ended with
     * {@code routes} (read after it) not all on the primary.
     */
    public static Outcome of(CanaryExecution run, Routes routes) {
        boolean ended = run.result().isDone();
        boolean failed = run.result().isCompletedExceptionally();
        CanaryResult result = ended && !failed ? run.result().join() : null;
        String detail = result != null ? result.phase().displayName() + " at " + routes + ": " + result.reason()
                : failed ? "ended with an exception at " + routes : "not ended: " + run.status().phase().displayName()
                + " at " + routes;
        return new Outcome(result != null && result.phase() == Phase.SUCCEEDED,
                result != null && result.phase() == Phase.FAILED, failed, !ended,
                ended && (routes.canary() > 0 || routes.mirrored()), 0, detail);
    }

    /** A trial whose run did not come back within its bound. */
    public static Outcome hang(String detail) {
        return new Outcome(false, false, false, true, false, 0, detail);
    }
}
