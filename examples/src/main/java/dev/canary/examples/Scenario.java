package dev.canary.examples;

/** What the demo's new revision does by default. */
public enum Scenario {
    /** The canary answers like the primary: the release is promoted. */
    HEALTHY(0),
    /** The canary answers {@value DemoOptions#FAULTY_ERROR_PERCENT} % of requests with HTTP 500: it is rolled back. */
    FAULTY(DemoOptions.FAULTY_ERROR_PERCENT);

    private final double defaultErrorPercent;

    Scenario(double defaultErrorPercent) {
        this.defaultErrorPercent = defaultErrorPercent;
    }

    /** The canary's error rate in percent unless {@code --error-rate} says otherwise. */
    public double defaultErrorPercent() {
        return defaultErrorPercent;
    }
}
