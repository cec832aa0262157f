package dev.canary.engine.judge;

import dev.canary.spec.RequestCounts;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The sequential tests of one check over a whole analysis, and the cumulative counts they have consumed (the next
 * tick's counts are taken relative to these). Part of the run state, so a resumed run continues the same tests.
 *
 * @param canarySeen  the canary's cumulative counts taken so far
 * @param primarySeen the primary's cumulative counts taken so far, when the check compares with it
 * @param tests       the tests, in a fixed order
 */
public record CheckStatistics(RequestCounts canarySeen, @Nullable RequestCounts primarySeen, List<Statistic> tests) {

    public CheckStatistics {
        Objects.requireNonNull(canarySeen, "canarySeen == null");
        tests = List.copyOf(tests);
    }

    /**
     * Harm if any test has shown harm. Otherwise no harm when the test against the SLO has shown no harm and no
     * comparison with the primary leans toward harm (log likelihood ratio at half its harm bound or more); a check
     * compared with the primary only shows no harm when every comparison that has seen events has (and one has). Comparisons need
     * many events to show that the canary is <em>not</em> worse (at a 5 % share about 200 failures for a ratio of
     * 1 against 2), so next to an SLO test they need only not to lean toward harm.
     */
    public Finding finding() {
        if (tests.stream().anyMatch(s -> s.finding() == Finding.HARM)) {
            return Finding.HARM;
        }
        for (Statistic s : tests) {
            if (s.name().equals(SequentialJudge.SLO)) {
                boolean leaning = tests.stream().anyMatch(t -> t != s && t.finding() == Finding.UNDECIDED
                        && t.logLikelihoodRatio() >= t.upper() / 2);
                return leaning && s.finding() == Finding.NO_HARM ? Finding.UNDECIDED : s.finding();
            }
        }
        List<Statistic> seen = tests.stream().filter(s -> s.canaryEvents() + s.primaryEvents() > 0).toList();
        return !seen.isEmpty() && seen.stream().allMatch(s -> s.finding() == Finding.NO_HARM)
                ? Finding.NO_HARM : Finding.UNDECIDED;
    }

    /**
     * Whether a test leans toward harm: it has not shown harm, its log likelihood ratio is above 0 (the counts are
     * likelier under "bad" than under "good") and at least {@code holdAtPrimary} of its harm bound for the
     * comparison of failures with the primary, {@code holdAt} of it for the other tests (against the SLO, and the
     * latency comparisons, which are many and lean toward harm by chance more often). The run then holds the weight.
     */
    public boolean leansTowardHarm(double holdAt, double holdAtPrimary) {
        return tests.stream().anyMatch(t -> t.finding() != Finding.HARM && t.logLikelihoodRatio() > 0
                && t.logLikelihoodRatio() >= t.upper() * (t.name().equals(SequentialJudge.PRIMARY) ? holdAtPrimary
                        : holdAt));
    }

    /** The evidence of every test, separated by {@code "; "}. */
    public String describe() {
        return tests.isEmpty() ? "no evidence yet"
                : tests.stream().map(Statistic::describe).collect(Collectors.joining("; "));
    }
}
