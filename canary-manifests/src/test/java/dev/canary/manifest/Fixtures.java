package dev.canary.manifest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test manifests from {@code src/test/resources/manifests}, and assertions on load failures. */
final class Fixtures {
    private Fixtures() {
    }

    static Path path(String name) {
        URL url = Fixtures.class.getResource("/manifests/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test manifest " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(String name) {
        try {
            return Files.readString(path(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems of a load that must fail with a {@link ManifestException}. */
    static List<ManifestProblem> problems(ThrowingCallable load) {
        ManifestException[] caught = new ManifestException[1];
        assertThatThrownBy(load).isInstanceOfSatisfying(ManifestException.class, e -> caught[0] = e);
        return caught[0].problems();
    }

    /** The only problem of a load that must fail. */
    static ManifestProblem problem(ThrowingCallable load) {
        List<ManifestProblem> problems = problems(load);
        if (problems.size() != 1) {
            throw new AssertionError("expected one problem but got " + problems);
        }
        return problems.get(0);
    }

    /** A minimal valid Canary with {@code analysisExtra} lines appended to its analysis (indented by 4). */
    static String canary(String analysisExtra) {
        return """
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata:
                  name: podinfo
                  namespace: test
                spec:
                  provider: traefik
                  targetRef:
                    apiVersion: apps/v1
                    kind: Deployment
                    name: podinfo
                  service:
                    port: 80
                  analysis:
                    interval: 30s
                    stepWeight: 10
                """ + analysisExtra.indent(4);
    }
}
