package dev.canary.backtest;

import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The same releases under two specs, side by side. Immutable.
 *
 * @param first  the first spec's report
 * @param second the second spec's report, over the same releases in the same order
 */
public record Comparison(BacktestReport first, BacktestReport second) {
    public Comparison {
        Objects.requireNonNull(first, "first == null");
        Objects.requireNonNull(second, "second == null");
        if (first.releases().size() != second.releases().size()) {
            throw new IllegalArgumentException("both reports must cover the same releases but had "
                    + first.releases().size() + " and " + second.releases().size());
        }
    }

    /** The releases the two specs decided differently (outcome), as index pairs of the reports. */
    public List<Integer> differences() {
        return IntStream.range(0, first.releases().size())
                .filter(i -> first.releases().get(i).outcome() != second.releases().get(i).outcome())
                .boxed().toList();
    }
}
