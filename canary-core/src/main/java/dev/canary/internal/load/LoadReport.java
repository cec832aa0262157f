package dev.canary.internal.load;

import java.util.ArrayList;
import java.util.List;

/**
 * What a load generator did: requests sent and their outcomes. {@code byClass[0]} counts 1xx responses, ...,
 * {@code byClass[4]} 5xx. A request that got no response is a connect failure, a timeout or another error.
 */
public record LoadReport(long sent, long[] byClass, long connectFailures, long timeouts, long otherErrors) {
    public static final LoadReport EMPTY = new LoadReport(0, new long[5], 0, 0, 0);

    public LoadReport {
        if (byClass.length != 5) {
            throw new IllegalArgumentException("byClass needs 5 entries (1xx..5xx) but had " + byClass.length);
        }
        byClass = byClass.clone();
    }

    /** Responses of any status. */
    public long responses() {
        long sum = 0;
        for (long n : byClass) {
            sum += n;
        }
        return sum;
    }

    /** Responses with status {@code n}xx. */
    public long responses(int statusClass) {
        return byClass[statusClass - 1];
    }

    /** What happened after {@code earlier}. */
    public LoadReport since(LoadReport earlier) {
        long[] delta = new long[5];
        for (int i = 0; i < 5; i++) {
            delta[i] = byClass[i] - earlier.byClass[i];
        }
        return new LoadReport(sent - earlier.sent, delta, connectFailures - earlier.connectFailures,
                timeouts - earlier.timeouts, otherErrors - earlier.otherErrors);
    }

    /** {@code 12 requests: 2xx=10 5xx=2} plus the failures, if any. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            if (byClass[i] > 0) {
                parts.add((i + 1) + "xx=" + byClass[i]);
            }
        }
        if (connectFailures > 0) {
            parts.add("connect failures=" + connectFailures);
        }
        if (timeouts > 0) {
            parts.add("timeouts=" + timeouts);
        }
        if (otherErrors > 0) {
            parts.add("other errors=" + otherErrors);
        }
        return sent + " requests" + (parts.isEmpty() ? "" : ": " + String.join(" ", parts));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoadReport r && sent == r.sent && java.util.Arrays.equals(byClass, r.byClass)
                && connectFailures == r.connectFailures && timeouts == r.timeouts && otherErrors == r.otherErrors;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(sent, java.util.Arrays.hashCode(byClass), connectFailures, timeouts,
                otherErrors);
    }

    @Override
    public String toString() {
        return describe();
    }
}
