package dev.canary.traefik;

import java.util.Locale;

/**
 * Which matcher names a router rule uses: Traefik v3 has {@code Header} and {@code HeaderRegexp}, Traefik v2
 * {@code Headers} and {@code HeadersRegexp}. Immutable.
 */
public enum RuleSyntax {
    /** Traefik v2 (including v2.10/v2.11 with the {@code traefik.io} group). */
    V2("Headers", "HeadersRegexp"),
    /** Traefik v3. */
    V3("Header", "HeaderRegexp");

    private final String header;
    private final String headerRegexp;

    RuleSyntax(String header, String headerRegexp) {
        this.header = header;
        this.headerRegexp = headerRegexp;
    }

    /** The exact header matcher's name. */
    public String header() {
        return header;
    }

    /** The regular-expression header matcher's name. */
    public String headerRegexp() {
        return headerRegexp;
    }

    /**
     * {@code v2} or {@code v3} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static RuleSyntax of(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "v2" -> V2;
            case "v3" -> V3;
            default -> throw new IllegalArgumentException("ruleSyntax must be v2 or v3 but was '" + name + "'");
        };
    }
}
