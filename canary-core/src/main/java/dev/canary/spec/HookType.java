package dev.canary.spec;

import java.util.Locale;

/**
 * The points in a run where a webhook or an in-process gate is consulted, with Flagger's names.
 *
 * <p>{@link #wireName()} is the name used in Flagger manifests ({@code confirm-rollout}, ...).
 */
public enum HookType {
    /** Before the canary is scaled up for a new revision; a refusal keeps the run in {@code Waiting}. */
    CONFIRM_ROLLOUT,
    /** On the first analysis tick, before any traffic; a failure counts as a failed check. */
    PRE_ROLLOUT,
    /** On every analysis tick, before the metrics; a failure counts as a failed check. */
    ROLLOUT,
    /** Before each weight increase; a refusal holds the weight, nothing is counted. */
    CONFIRM_TRAFFIC_INCREASE,
    /** Before promotion; a refusal moves the run to {@code WaitingPromotion}, analysis continues. */
    CONFIRM_PROMOTION,
    /** After the run ended (succeeded or rolled back); failures are only reported. */
    POST_ROLLOUT,
    /** On every analysis tick; an approval (success) rolls the canary back. */
    ROLLBACK,
    /** For every event of the run; failures are only reported. */
    EVENT;

    /** The name used in Flagger manifests, such as {@code confirm-rollout}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a Flagger hook type name; an empty name means {@link #ROLLOUT}, as in Flagger.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code name} is unknown
     */
    public static HookType fromWireName(String name) {
        if (name.isEmpty()) {
            return ROLLOUT;
        }
        for (HookType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown webhook type '" + name + "'; expected one of "
                + java.util.Arrays.stream(values()).map(HookType::wireName).toList());
    }
}
