package dev.canary.prometheus;

import dev.canary.spec.TemplateSettings;
import dev.canary.spi.MetricsProvider;
import dev.canary.spi.ProviderConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Creates {@link PrometheusMetricsProvider}s by the name {@value #NAME} from string settings (registered in
 * {@code META-INF/services/dev.canary.spi.MetricsProvider$Factory}). The settings, all optional:
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>key</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@code address}</td><td>Prometheus base URL</td><td>{@code http://prometheus:9090}</td></tr>
 * <tr><td>{@code token}</td><td>bearer token</td><td>none</td></tr>
 * <tr><td>{@code username}, {@code password}</td><td>basic authentication</td><td>none</td></tr>
 * <tr><td>{@code header.<Name>}</td><td>a header sent with every query</td><td>none</td></tr>
 * <tr><td>{@code caFile}</td><td>PEM file of the certificates to trust</td><td>the JDK trust store</td></tr>
 * <tr><td>{@code insecureSkipVerify}</td><td>{@code true} turns TLS verification off</td><td>{@code false}</td></tr>
 * <tr><td>{@code connectTimeout}</td><td>TCP connect timeout</td><td>{@code 5s}</td></tr>
 * <tr><td>{@code timeout}</td><td>HTTP read timeout per attempt</td><td>{@code 10s}</td></tr>
 * <tr><td>{@code callTimeout}</td><td>deadline of one whole attempt, body included; at most {@code 5m}</td>
 * <td>connect plus read timeout</td></tr>
 * <tr><td>{@code queryTimeout}</td><td>Prometheus' {@code timeout} parameter, {@code 0s} for none</td>
 * <td>{@code 5s}</td></tr>
 * <tr><td>{@code retry.maxAttempts}</td><td>attempts for 5xx, timeouts, refused connections</td><td>3</td></tr>
 * <tr><td>{@code retry.initialBackoff}, {@code retry.multiplier}, {@code retry.maxBackoff}</td>
 * <td>exponential backoff</td><td>{@code 200ms}, 2, {@code 2s}</td></tr>
 * <tr><td>{@code maxResponseBytes}</td><td>larger responses are refused</td><td>16777216</td></tr>
 * <tr><td>{@code traefikNaming}</td><td>{@code kubernetescrd} or {@code file}</td><td>{@code kubernetescrd}</td></tr>
 * <tr><td>{@code template.<n>.name}, {@code .namespace}, {@code .query}, {@code .address}, ...</td>
 * <td>metric templates, as {@link TemplateSettings} writes them (a manifest's {@code applyTo} passes
 * them)</td><td>none</td></tr>
 * </table>
 *
 * <p>Stateless and thread-safe.
 */
public final class PrometheusMetricsProviderFactory implements MetricsProvider.Factory {
    /** The name users select this provider by. */
    public static final String NAME = "prometheus";
    /** Every setting key, except the {@code header.} prefix. */
    public static final Set<String> KEYS = Set.of("address", "token", "username", "password", "caFile",
            "insecureSkipVerify", "connectTimeout", "timeout", "callTimeout", "queryTimeout", "retry.maxAttempts",
            "retry.initialBackoff", "retry.multiplier", "retry.maxBackoff", "maxResponseBytes", "traefikNaming");
    private static final String HEADER_PREFIX = "header.";
    private static final String PREFIX = "invalid Prometheus provider settings: ";

    @Override
    public String name() {
        return NAME;
    }

    /**
     * @throws IllegalArgumentException naming every unknown or invalid setting
     */
    @Override
    public PrometheusMetricsProvider create(ProviderConfig config) {
        PrometheusMetricsProvider.Builder b = PrometheusMetricsProvider.builder();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : config.settings().entrySet()) {
            String key = e.getKey();
            if (key.startsWith(HEADER_PREFIX) && key.length() > HEADER_PREFIX.length()) {
                b.header(key.substring(HEADER_PREFIX.length()), e.getValue());
            } else if (!KEYS.contains(key) && !TemplateSettings.isTemplateKey(key)) {
                problems.add("unknown setting '" + key + "'; known settings: " + new java.util.TreeSet<>(KEYS)
                        + ", header.<Name> and template.<number>.<field>");
            }
        }
        try {
            b.templates(TemplateSettings.read(config.settings()));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        config.get("address").ifPresent(b::address);
        config.get("token").ifPresent(b::bearerToken);
        if (config.get("username").isPresent() != config.get("password").isPresent()) {
            problems.add("username and password must be set together");
        } else if (config.get("username").isPresent()) {
            b.basicAuth(config.get("username", ""), config.get("password", ""));
        }
        parse(problems, config, "caFile", v -> b.caFile(Path.of(v)));
        parse(problems, config, "insecureSkipVerify", v -> b.insecureSkipVerify(bool(v)));
        duration(problems, config, "connectTimeout", b::connectTimeout);
        duration(problems, config, "timeout", b::readTimeout);
        duration(problems, config, "callTimeout", b::callTimeout);
        duration(problems, config, "queryTimeout", b::queryTimeout);
        parse(problems, config, "retry.maxAttempts", v -> b.maxAttempts(Integer.parseInt(v)));
        parse(problems, config, "maxResponseBytes", v -> b.maxResponseBytes(Long.parseLong(v)));
        parse(problems, config, "traefikNaming", v -> b.traefikNaming(TraefikServiceNaming.fromSetting(v)));
        backoff(problems, config, b);
        return build(b, problems);
    }

    /** Builds, or reports the setting problems together with those the builder finds. */
    private static PrometheusMetricsProvider build(PrometheusMetricsProvider.Builder b, List<String> problems) {
        try {
            PrometheusMetricsProvider provider = b.build();
            if (problems.isEmpty()) {
                return provider;
            }
            provider.close();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage().replaceFirst("^" + PREFIX, ""));
        }
        throw new IllegalArgumentException(PREFIX + String.join("; ", problems));
    }

    private static void backoff(List<String> problems, ProviderConfig config, PrometheusMetricsProvider.Builder b) {
        try {
            b.backoff(config.duration("retry.initialBackoff", PrometheusMetricsProvider.DEFAULT_INITIAL_BACKOFF),
                    Double.parseDouble(config.get("retry.multiplier",
                            Double.toString(PrometheusMetricsProvider.DEFAULT_BACKOFF_MULTIPLIER))),
                    config.duration("retry.maxBackoff", PrometheusMetricsProvider.DEFAULT_MAX_BACKOFF));
        } catch (NumberFormatException e) {
            problems.add("retry.multiplier must be a number but was '" + config.get("retry.multiplier", "") + "'");
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    private static void duration(List<String> problems, ProviderConfig config, String key,
            Consumer<Duration> setter) {
        try {
            config.get(key).ifPresent(v -> setter.accept(config.duration(key, Duration.ZERO)));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    private static void parse(List<String> problems, ProviderConfig config, String key, Consumer<String> setter) {
        config.get(key).ifPresent(v -> {
            try {
                setter.accept(v.strip());
            } catch (NumberFormatException e) {
                problems.add(key + " must be a whole number but was '" + v + "'");
            } catch (IllegalArgumentException e) {
                problems.add(key.equals("traefikNaming") ? e.getMessage() : key + ": " + e.getMessage());
            }
        });
    }

    private static boolean bool(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("must be true or false but was '" + value + "'");
    }
}
