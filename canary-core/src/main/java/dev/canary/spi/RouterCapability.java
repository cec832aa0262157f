package dev.canary.spi;

/** Optional things a {@link TrafficRouter} can do; a spec that needs one its router lacks fails at build time. */
public enum RouterCapability {
    /** Send requests whose headers match to the canary (A/B testing). */
    HEADER_MATCH,
    /** Send requests whose cookies match to the canary (A/B testing). */
    COOKIE_MATCH,
    /** Mirror (shadow) requests to the canary. */
    MIRRORING
}
