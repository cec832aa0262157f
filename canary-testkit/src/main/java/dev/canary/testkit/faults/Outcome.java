package dev.canary.testkit.faults;

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

    /** A trial whose run did not come back within its bound. */
    public static Outcome hang(String detail) {
        return new Outcome(false, false, false, true, false, 0, detail);
    }
}
