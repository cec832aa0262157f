package dev.canary.traefik;

import dev.canary.spi.ProviderConfig;
import dev.canary.spi.TrafficRouter;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Creates {@link TraefikRouter}s by the name {@code traefik}. Settings (all optional):
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code apiGroup}</td><td>{@code traefik.io}</td><td>or {@code traefik.containo.us} (Traefik v2 before
 * 2.10)</td></tr>
 * <tr><td>{@code ruleSyntax}</td><td>v3 for traefik.io, v2 for traefik.containo.us</td><td>A/B rule syntax:
 * {@code v2} or {@code v3}</td></tr>
 * <tr><td>{@code ingressRoute}</td><td>none</td><td>A/B: the user's IngressRoute to copy entry points and rule
 * from</td></tr>
 * <tr><td>{@code match}</td><td>none</td><td>A/B: the user's rule, instead of {@code ingressRoute}</td></tr>
 * <tr><td>{@code entryPoints}</td><td>the user's</td><td>A/B: comma-separated entry points</td></tr>
 * <tr><td>{@code priority}</td><td>one above the user's route</td><td>A/B: the A/B route's priority</td></tr>
 * <tr><td>{@code maxAttempts}</td><td>5</td><td>attempts per write under conflicts</td></tr>
 * <tr><td>{@code kubeconfig}</td><td>in-cluster or {@code ~/.kube/config}</td><td>kubeconfig file</td></tr>
 * <tr><td>{@code context}</td><td>the current context</td><td>kubeconfig context</td></tr>
 * </table>
 *
 * <p>Unknown settings are errors. The router owns the client it creates and closes it on
 * {@link TrafficRouter#close()}. Thread-safe.
 */
public final class TraefikRouterFactory implements TrafficRouter.Factory {
    /** Every setting key; any other is an error. */
    public static final Set<String> KEYS = Set.of("apiGroup", "ruleSyntax", "ingressRoute", "match", "entryPoints",
            "priority", "maxAttempts", "kubeconfig", "context");

    @Override
    public String name() {
        return TraefikRouter.PROVIDER;
    }

    /**
     * @throws IllegalArgumentException listing every invalid setting
     */
    @Override
    public TrafficRouter create(ProviderConfig config) {
        List<String> problems = new ArrayList<>();
        config.settings().keySet().stream().filter(k -> !KEYS.contains(k)).sorted().forEach(k -> problems.add(
                "unknown setting '" + k + "'; known settings: " + new TreeSet<>(KEYS)));
        List<Consumer<TraefikRouter.Builder>> settings = new ArrayList<>();
        parse(problems, () -> config.get("apiGroup").map(TraefikApiGroup::of)
                .ifPresent(g -> settings.add(b -> b.apiGroup(g))));
        parse(problems, () -> config.get("ruleSyntax").map(RuleSyntax::of)
                .ifPresent(s -> settings.add(b -> b.ruleSyntax(s))));
        config.get("ingressRoute").ifPresent(name -> settings.add(b -> b.ingressRoute(name)));
        config.get("match").ifPresent(rule -> settings.add(b -> b.match(rule)));
        config.get("entryPoints").map(TraefikRouterFactory::list)
                .ifPresent(e -> settings.add(b -> b.entryPoints(e)));
        parse(problems, () -> config.get("priority").map(p -> number("priority", p, 1))
                .ifPresent(p -> settings.add(b -> b.priority(p))));
        parse(problems, () -> config.get("maxAttempts").map(n -> number("maxAttempts", n, 1))
                .ifPresent(n -> settings.add(b -> b.maxAttempts(n.intValue()))));
        Optional<File> kubeconfig = config.get("kubeconfig").map(File::new);
        if (kubeconfig.isPresent() && !kubeconfig.get().isFile()) {
            problems.add("kubeconfig " + kubeconfig.get() + " is not a readable file");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid traefik router settings: " + String.join("; ", problems));
        }
        TraefikRouter.Builder builder = TraefikRouter.builder(client(kubeconfig, config.get("context")))
                .closeClient(true);
        settings.forEach(s -> s.accept(builder));
        return builder.build();
    }

    private static KubernetesClient client(Optional<File> kubeconfig, Optional<String> context) {
        Config config = kubeconfig.isPresent()
                ? Config.fromKubeconfig(context.orElse(null), kubeconfig.get())
                : Config.autoConfigure(context.orElse(null));
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static void parse(List<String> problems, Runnable step) {
        try {
            step.run();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    private static Long number(String key, String value, long min) {
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number but was '" + value + "'", e);
        }
        if (n < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + " but was " + n);
        }
        return n;
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
