package dev.canary.manifest;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricTemplate;
import dev.canary.spec.Redaction;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Flagger manifests and writes specs as Canary manifests.
 *
 * <pre>{@code
 * CanaryManifest canary = CanaryManifests.load(Path.of("canary.yaml")).onlyCanary();
 * CanaryResult result = canary.applyTo(CanaryRun.builder()).build().run();
 * }</pre>
 *
 * <p>Input is YAML (one or more documents separated by {@code ---}) or JSON, at most
 * {@link ManifestOptions#maxInputChars()} characters, UTF-8 for streams and files. {@code flagger.app/v1beta1}
 * {@code Canary}, {@code MetricTemplate} and {@code AlertProvider} documents are read, a {@code v1 List} is
 * unpacked, and documents of other API groups (a Service, an IngressRoute) are skipped and listed in
 * {@link ManifestSet#skipped()}. Every problem of the input is reported at once in one
 * {@link ManifestException}; no other exception escapes for any input. Warnings are logged at WARN and kept
 * in the result. Thread-safe: all methods are static and share no mutable state.
 */
public final class CanaryManifests {
    private static final Logger logger = LoggerFactory.getLogger(CanaryManifests.class);

    private CanaryManifests() {
    }

    /** @throws ManifestException listing every problem of the input */
    public static ManifestSet load(String text) {
        return load(text, ManifestOptions.ofDefaults());
    }

    public static ManifestSet load(String text, ManifestOptions options) {
        Objects.requireNonNull(text, "text == null");
        Problems problems = new Problems("<string>");
        return load(() -> BoundedInput.of(text, options.maxInputChars(), problems), options, problems);
    }

    /** Reads {@code reader} to its end (or to the size limit); the caller closes it. */
    public static ManifestSet load(Reader reader) {
        return load(reader, ManifestOptions.ofDefaults());
    }

    public static ManifestSet load(Reader reader, ManifestOptions options) {
        Objects.requireNonNull(reader, "reader == null");
        Problems problems = new Problems("<reader>");
        return load(() -> BoundedInput.of(reader, options.maxInputChars(), problems), options, problems);
    }

    /** Reads UTF-8 from {@code in} to its end (or to the size limit); the caller closes it. */
    public static ManifestSet load(InputStream in) {
        return load(in, ManifestOptions.ofDefaults());
    }

    public static ManifestSet load(InputStream in, ManifestOptions options) {
        Objects.requireNonNull(in, "in == null");
        Problems problems = new Problems("<stream>");
        return load(() -> BoundedInput.of(in, options.maxInputChars(), problems), options, problems);
    }

    /** Reads a UTF-8 file; problems name the file. */
    public static ManifestSet load(Path path) {
        return load(path, ManifestOptions.ofDefaults());
    }

    public static ManifestSet load(Path path, ManifestOptions options) {
        Objects.requireNonNull(path, "path == null");
        Problems problems = new Problems(path.toString());
        return load(() -> BoundedInput.of(path, options.maxInputChars(), problems), options, problems);
    }

    /**
     * Writes {@code spec} as a Canary manifest (YAML), with its {@code provider} and {@code metricsServer}; set
     * them with {@code spec.toBuilder().provider("traefik")}. Loading the text gives an equal spec, provided the
     * interval is not below {@link ManifestOptions#minimumInterval()} and, for the {@code kubernetes} provider,
     * the spec has iterations and no match rules (Flagger's rules for that provider).
     *
     * @throws ManifestException naming what the manifest format cannot express (such as a deadline that is
     *                           not whole seconds, or a cookie rule other than an exact match)
     */
    public static String toYaml(CanarySpec spec) {
        Objects.requireNonNull(spec, "spec == null");
        return ManifestWriter.write(spec);
    }

    /**
     * Writes {@code template} as a {@code MetricTemplate} document (YAML) that loads back to an equal template, its
     * count queries as {@code sequential.canary.dev/} annotations (docs/judgement.md). Header values are written
     * as they are: treat the text as you treat the headers.
     */
    public static String toYaml(MetricTemplate template) {
        Objects.requireNonNull(template, "template == null");
        return ManifestWriter.write(template);
    }

    private interface TextSource {
        String read();
    }

    private static ManifestSet load(TextSource source, ManifestOptions options, Problems problems) {
        Objects.requireNonNull(options, "options == null");
        ManifestSet set;
        try {
            set = new DocumentLoader(options, problems).load(source.read());
        } catch (ManifestException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw problems.fatal(null, "cannot read the manifest: " + e);
        }
        set.warnings().forEach(w -> logger.warn("{}", logLine(problems.source(), w)));
        set.skipped().forEach(s -> logger.info("{}", logLine(problems.source(), "skipped " + s)));
        return set;
    }

    /** What is logged about {@code source}: one line, whatever the source's name or the text hold. */
    static String logLine(String source, Object text) {
        return Redaction.oneLine(source + ": " + text);
    }
}
