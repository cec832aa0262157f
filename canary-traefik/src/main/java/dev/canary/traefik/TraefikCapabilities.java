package dev.canary.traefik;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.MatchRule;
import dev.canary.spi.RouterCapability;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which {@link RouterCapability capabilities} a spec needs, and what is wrong when a router lacks them, with
 * a message naming the Traefik mode that can do it. Stateless and thread-safe.
 *
 * <pre>{@code
 * List<String> problems = TraefikCapabilities.problems(spec, router.capabilities(), "traefik-file");
 * // ["analysis.match needs header routing: use the `traefik` (CRD) router; the `traefik-file` router
 * //   cannot route by header"]
 * }</pre>
 */
public final class TraefikCapabilities {
    /** What the {@code traefik} (CRD) router can do. */
    public static final Set<RouterCapability> CRD =
            Set.copyOf(EnumSet.allOf(RouterCapability.class));
    /** What the {@code traefik-file} router can do. */
    public static final Set<RouterCapability> FILE = Set.of(RouterCapability.MIRRORING);

    private TraefikCapabilities() {
    }

    /** The capabilities {@code spec} needs: mirroring for {@code mirror}, header/cookie routing for {@code match}. */
    public static Set<RouterCapability> required(CanarySpec spec) {
        Set<RouterCapability> needed = EnumSet.noneOf(RouterCapability.class);
        if (spec.analysis().mirror()) {
            needed.add(RouterCapability.MIRRORING);
        }
        for (MatchRule rule : spec.analysis().match()) {
            if (!rule.headers().isEmpty()) {
                needed.add(RouterCapability.HEADER_MATCH);
            }
            if (!rule.cookies().isEmpty()) {
                needed.add(RouterCapability.COOKIE_MATCH);
            }
        }
        return needed;
    }

    /** Every need of {@code spec} that {@code capabilities} lacks, one message each; empty when it can run. */
    public static List<String> problems(CanarySpec spec, Set<RouterCapability> capabilities) {
        return problems(spec, capabilities, "this");
    }

    /**
     * As {@link #problems(CanarySpec, Set)}, naming the router ({@code traefik-file}, ...) in the messages.
     */
    public static List<String> problems(CanarySpec spec, Set<RouterCapability> capabilities, String routerName) {
        String router = "this".equals(routerName) ? "this router" : "the `" + routerName + "` router";
        List<String> problems = new ArrayList<>();
        for (RouterCapability needed : required(spec)) {
            if (!capabilities.contains(needed)) {
                problems.add(message(needed, router));
            }
        }
        return List.copyOf(problems);
    }

    private static String message(RouterCapability capability, String router) {
        return switch (capability) {
            case HEADER_MATCH -> "analysis.match needs header routing: use the `traefik` (CRD) router; " + router
                    + " cannot route by header";
            case COOKIE_MATCH -> "analysis.match needs cookie routing: use the `traefik` (CRD) router; " + router
                    + " cannot route by cookie";
            case MIRRORING -> "analysis.mirror needs mirroring: use the `traefik` (CRD) or `traefik-file` router; "
                    + router + " cannot mirror";
        };
    }
}
