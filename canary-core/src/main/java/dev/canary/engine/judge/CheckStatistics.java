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

    /** Harm if any test shows harm; no harm if every test shows no harm; else undecided. */
    public Finding finding() {
        if (tests.stream().anyMatch(s -> s.finding() == Finding.HARM)) {
            return Finding.HARM;
        }
        return !tests.isEmpty() && tests.stream().allMatch(s -> s.finding() == Finding.NO_HARM)
                ? Finding.NO_HARM : Finding.UNDECIDED;
    }

    /** The evidence of every test, separated by {@code "; "}. */
    public String describe() {
        return tests.isEmpty() ? "no evidence yet"
                : tests.stream().map(Statistic::describe).collect(Collectors.joining("; "));
    }
}
