package dev.canary.testkit.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One fault case and what came of it: the area (metrics, kubernetes, secrets, ...), the fault injected, the
 * variant (a policy, a point of the run), what it must end in, and the outcome.
 */
public record Trial(String area, String fault, String variant, Expect expected, Outcome outcome) {
    public Trial {
        Objects.requireNonNull(area, "area == null");
        Objects.requireNonNull(fault, "fault == null");
        Objects.requireNonNull(variant, "variant == null");
        Objects.requireNonNull(expected, "expected == null");
        Objects.requireNonNull(outcome, "outcome == null");
    }

    /** Promoted although it had to not be. */
    public boolean falsePromotion() {
        return outcome.promoted() && (expected == Expect.ROLLED_BACK || expected == Expect.NOT_PROMOTED);
    }

    /** Rolled back although it had to be promoted. */
    public boolean falseRollback() {
        return outcome.rolledBack() && expected == Expect.PROMOTED;
    }

    /** Every way this trial differs from what it had to be; empty when it went as expected. */
    public List<String> deviations() {
        List<String> d = new ArrayList<>();
        if (falsePromotion()) {
            d.add("false promotion");
        }
        if (falseRollback()) {
            d.add("false rollback");
        }
        if (expected == Expect.PROMOTED && !outcome.promoted() && !outcome.rolledBack()) {
            d.add("not promoted");
        }
        if (expected == Expect.ROLLED_BACK && !outcome.rolledBack() && !outcome.promoted()) {
            d.add("not rolled back");
        }
        if (outcome.lost()) {
            d.add("lost run");
        }
        if (outcome.hung()) {
            d.add("hang");
        }
        if (outcome.trafficLeft()) {
            d.add("traffic left on the canary");
        }
        if (outcome.secretsLeaked() > 0) {
            d.add(outcome.secretsLeaked() + " secret(s) leaked");
        }
        return d;
    }

    /** Whether it went as expected. */
    public boolean asExpected() {
        return deviations().isEmpty();
    }

    @Override
    public String toString() {
        return area + " / " + fault + " / " + variant + ": expected " + expected.text() + ", "
                + (asExpected() ? "as expected" : String.join(", ", deviations())) + " (" + outcome.detail() + ")";
    }
}
