package dev.canary.traefik;

import java.util.Locale;

/**
 * The API group Traefik's CRDs are served under. Both serve version {@code v1alpha1} with the same schema.
 * Immutable.
 */
public enum TraefikApiGroup {
    /** {@code traefik.io}: Traefik v2.10 and later, the only group in v3. The default. */
    TRAEFIK_IO("traefik.io", RuleSyntax.V3),
    /** {@code traefik.containo.us}: the legacy group of Traefik v2 (removed in v3). */
    TRAEFIK_CONTAINO_US("traefik.containo.us", RuleSyntax.V2);

    /** The CRD version served under both groups. */
    public static final String VERSION = "v1alpha1";

    private final String group;
    private final RuleSyntax defaultSyntax;

    TraefikApiGroup(String group, RuleSyntax defaultSyntax) {
        this.group = group;
        this.defaultSyntax = defaultSyntax;
    }

    /** The group name, such as {@code traefik.io}. */
    public String group() {
        return group;
    }

    /** {@code group/v1alpha1}. */
    public String apiVersion() {
        return group + "/" + VERSION;
    }

    /**
     * The rule syntax assumed unless configured: v3 for {@code traefik.io}, v2 for the legacy group. Traefik
     * v2.10 and v2.11 serve {@code traefik.io} with the v2 syntax, so set {@link RuleSyntax#V2} there.
     */
    public RuleSyntax defaultSyntax() {
        return defaultSyntax;
    }

    /**
     * The group named {@code name} ({@code traefik.io} or {@code traefik.containo.us}).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static TraefikApiGroup of(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (TraefikApiGroup g : values()) {
            if (g.group.equals(wanted)) {
                return g;
            }
        }
        throw new IllegalArgumentException("apiGroup must be traefik.io or traefik.containo.us but was '" + name
                + "'");
    }
}
