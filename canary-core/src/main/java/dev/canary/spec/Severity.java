package dev.canary.spec;

/** Alert severity. A provider at {@code INFO} gets everything, {@code WARN} warn and error, {@code ERROR} only errors. */
public enum Severity {
    INFO, WARN, ERROR;

    /** Whether an alert of severity {@code alert} reaches a provider subscribed at this level. */
    public boolean accepts(Severity alert) {
        return alert.ordinal() >= ordinal();
    }
}
