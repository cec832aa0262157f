package dev.canary.testkit.faults;

/** What a fault case must end in; a case states one of these before it runs. */
public enum Expect {
    /** The canary is promoted (the fault heals, or it must not matter). */
    PROMOTED("promoted"),
    /** The canary is rolled back, with all traffic confirmed on the primary. */
    ROLLED_BACK("rolled back"),
    /** Never promoted: rolled back, or still holding when the case stops it. */
    NOT_PROMOTED("never promoted"),
    /** Nothing about the run's end: the case checks something else (a secret that must not leak, ...). */
    NO_RUN("no run");

    private final String text;

    Expect(String text) {
        this.text = text;
    }

    /** As written in the table, such as {@code rolled back}. */
    public String text() {
        return text;
    }
}
