package dev.canary.testkit.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the trials of every fault case of a test JVM and renders them as one table: per area and fault,
 * the trials, false promotions, false rollbacks, lost runs, hangs, runs ended with traffic on the canary, and
 * secrets leaked. Thread-safe. {@link FaultReport} prints the table when the tests end.
 */
public final class FaultLedger {
    private static final List<Trial> TRIALS = new ArrayList<>();

    private FaultLedger() {
    }

    /** Records a trial and returns it, so a case can then assert on it. */
    public static Trial record(Trial trial) {
        synchronized (TRIALS) {
            TRIALS.add(trial);
        }
        return trial;
    }

    /** Every trial recorded so far, in order. */
    public static List<Trial> trials() {
        synchronized (TRIALS) {
            return List.copyOf(TRIALS);
        }
    }

    /** The table of {@code trials} in Markdown, one row per area and fault, then a total. */
    public static String table(List<Trial> trials) {
        Map<String, int[]> rows = new LinkedHashMap<>();
        int[] total = new int[7];
        for (Trial t : trials) {
            int[] row = rows.computeIfAbsent(t.area() + " | " + t.fault(), k -> new int[7]);
            int[] counts = {1, t.falsePromotion() ? 1 : 0, t.falseRollback() ? 1 : 0, t.outcome().lost() ? 1 : 0,
                t.outcome().hung() ? 1 : 0, t.outcome().trafficLeft() ? 1 : 0, t.outcome().secretsLeaked()};
            for (int i = 0; i < counts.length; i++) {
                row[i] += counts[i];
                total[i] += counts[i];
            }
        }
        StringBuilder b = new StringBuilder("| area | fault | trials | false promotions | false rollbacks "
                + "| lost runs | hangs | ended with traffic on the canary | secrets leaked |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        rows.forEach((key, row) -> b.append("| ").append(key).append(cells(row)).append('\n'));
        b.append("| **total** | ").append(cells(total)).append('\n');
        return b.toString();
    }

    private static String cells(int[] row) {
        StringBuilder b = new StringBuilder();
        for (int n : row) {
            b.append(" | ").append(n);
        }
        return b.append(" |").toString();
    }

    /** The trials that did not go as expected, one per line. */
    public static List<String> deviations(List<Trial> trials) {
        return trials.stream().filter(t -> !t.asExpected()).map(Trial::toString).toList();
    }
}
