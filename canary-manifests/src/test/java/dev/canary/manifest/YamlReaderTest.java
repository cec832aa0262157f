package dev.canary.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The loader's YAML reader gives the same trees as SnakeYAML (under Jackson) did, node for node with types and
 * locations, on every manifest of the project and on generated streams; and it keeps the limits.
 */
class YamlReaderTest {

    /** Every YAML file of the repository's sources and tests (manifests, CRDs, examples), and the reference set. */
    static Stream<Path> corpus() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        Stream<Path> shared = Stream.of(Path.of("/work/shared/reference")).filter(Files::isDirectory);
        return Stream.concat(Stream.of(root), shared).flatMap(YamlReaderTest::yamlFiles).sorted();
    }

    private static Stream<Path> yamlFiles(Path dir) {
        try {
            return Files.walk(dir).filter(p -> p.toString().matches(".*\\.ya?ml"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
                    .filter(p -> !p.toString().contains("/node_modules/")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theCorpusHasTheManifestsAndCrds() throws IOException {
        assertThat(corpus().map(p -> p.getFileName().toString())).contains("canary.yaml", "crd.yaml",
                "istio-abtest.yaml", "traefik.io_ingressroutes.yaml", "malformed.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void readsEveryFileOfTheCorpusAsSnakeYamlDid(Path file) throws IOException {
        assertThat(YamlOracle.difference(Files.readString(file))).isNull();
    }

    @Test
    void readsGeneratedStreamsAsSnakeYamlDoes() {
        qt().withExamples(1500).forAll(YamlGen.streams())
                .checkAssert(yaml -> assertThat(YamlOracle.difference(yaml)).as(yaml).isNull());
    }

    @Nested
    class Errors {
        @ParameterizedTest
        @ValueSource(strings = {"a: b: c\n", "a:\n  - x\n - y\n", "a: [1, 2\n", "a: \"x\n", "a: 'x' y\n",
                "a: [1,,2]\n", "a:\n\tb: 1\n", "a: !foo x\n", "a: 1\na: 2\n", "<<: {a: 1}\n", "- [a, b]: c\n"})
        void refusesWhatSnakeYamlRefused(String yaml) {
            assertThat(YamlOracle.difference(yaml)).isNull();
            assertThat(Fixtures.problem(() -> new YamlReader(yaml, ManifestOptions.ofDefaults(),
                    new Problems("x")).read()).line()).isPositive();
        }

        @Test
        void namesTheLineAndColumnOfBadIndentation() {
            ManifestProblem problem = Fixtures.problem(() -> read("a:\n  b: 1\n c: 2\n"));
            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.column()).isEqualTo(2);
            assertThat(problem.message()).startsWith("not valid YAML: bad indentation");
        }

        @Test
        void refusesExplicitKeysAndTagDirectives() {
            assertThat(Fixtures.problem(() -> read("? a\n: b\n")).message()).contains("'?'");
            assertThat(Fixtures.problem(() -> read("%TAG ! tag:x,2000:\n---\na: 1\n")).message())
                    .contains("directives other than %YAML");
        }

        @Test
        void keepsTheNestingLimit() {
            String deep = "a: " + "[".repeat(64) + "1" + "]".repeat(64) + "\n";
            assertThat(YamlOracle.difference(deep)).isNull();
            String tooDeep = "a: " + "[".repeat(65) + "1" + "]".repeat(65) + "\n";
            assertThat(Fixtures.problem(() -> read(tooDeep)).message()).startsWith("nesting is deeper than 64");
        }

        @Test
        void keepsTheAliasLimit() {
            String yaml = "a: &a [1, 2, 3]\nb: [*a, *a, *a]\n";
            ManifestOptions few = ManifestOptions.builder().maxAliasNodes(8).build();
            assertThat(YamlOracle.difference(yaml, few)).isNull();
            assertThat(Fixtures.problem(() -> new YamlReader(yaml, few, new Problems("x")).read()).message())
                    .startsWith("YAML aliases expand to more than 8 nodes");
        }

        @Test
        void keepsTheValueLimit() {
            ManifestOptions few = ManifestOptions.builder().maxNodes(100).build();
            String yaml = "a: [" + "1, ".repeat(99) + "1]\n";
            assertThat(YamlOracle.difference(yaml, few)).isNull();
            assertThat(Fixtures.problem(() -> new YamlReader(yaml, few, new Problems("x")).read()).message())
                    .startsWith("the input holds more than 100 values");
        }
    }

    @Nested
    class WhereSnakeYamlFailed {
        @Test
        void readsAnAliasOfAnAnchoredScalarInAList() {
            List<Node> documents = read("- &a x\n- *a\n");
            assertThat(((Node.ListNode) documents.get(0)).items()).extracting(n -> ((Node.ScalarNode) n).value())
                    .containsExactly("x", "x");
        }

        @Test
        void readsInfinityAsADoubleForTheFieldToRefuse() {
            assertThat(((Node.MapNode) read("a: .inf\n").get(0)).get("a")).isEqualTo(
                    new Node.ScalarNode(Double.POSITIVE_INFINITY, ".inf", new Node.Location(1, 4)));
        }

        @Test
        void skipsAYamlVersionDirective() {
            assertThat(read("%YAML 1.1\n---\na: 1\n")).hasSize(1);
        }
    }

    private static List<Node> read(String yaml) {
        return new YamlReader(yaml, ManifestOptions.ofDefaults(), new Problems("x")).read();
    }
}
