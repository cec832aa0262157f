package dev.canary.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.canary.spec.MetricTemplate;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** Broken input gives a clear {@link ManifestException} naming document, field, line and column; nothing else. */
class CanaryManifestsBadInputTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvFileSource(resources = "/manifests/bad/expected.csv", delimiter = '|', quoteCharacter = '"')
    void eachBrokenManifestNamesTheFieldTheLineAndWhatIsWrong(String file, String path, int line, String message) {
        List<ManifestProblem> problems = Fixtures.problems(() -> CanaryManifests.load(Fixtures.path("bad/" + file)));

        assertThat(problems).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.line()).isEqualTo(line);
            assertThat(p.column()).isPositive();
            assertThat(p.message()).contains(message);
        });
    }

    @Test
    void theExceptionMessageNamesTheFileAndEveryProblem() {
        Path file = Fixtures.path("bad/wrong-types.yaml");

        Throwable thrown = catchThrowable(() -> CanaryManifests.load(file));

        assertThat(thrown).isInstanceOf(ManifestException.class).hasMessageStartingWith(file + ": 4 problems:")
                .hasMessageContaining("\n  - document 1, spec.skipAnalysis (line 14, column 17): must be true or "
                        + "false");
        assertThat(((ManifestException) thrown).source()).isEqualTo(file.toString());
    }

    @Test
    void aFileOfOtherKindsOnlySaysSoAndListsThem() {
        ManifestProblem problem = Fixtures.problem(() -> CanaryManifests.load(Fixtures.path(
                "bad/only-other-kinds.yaml")));

        assertThat(problem.document()).isZero();
        assertThat(problem.message()).isEqualTo("no Flagger documents (Canary, MetricTemplate, AlertProvider) in the "
                + "input; skipped [document 1: v1 Service test/podinfo]");
    }

    @Nested
    class Hostile {
        @Test
        void aBillionLaughsFailsFastNamingTheAliasBudget() {
            StringBuilder yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
            for (int i = 1; i < 10; i++) {
                String ref = "*a" + (i - 1);
                String refs = IntStream.range(0, 9).mapToObj(j -> ref).collect(Collectors.joining(", "));
                yaml.append('a').append(i).append(": &a").append(i).append(" [").append(refs).append("]\n");
            }

            ManifestProblem problem = Fixtures.problem(() -> CanaryManifests.load(yaml.toString()));

            assertThat(problem.message())
                    .startsWith("YAML aliases expand to more than 10000 nodes (a \"billion laughs\" input?)");
            assertThat(problem.line()).isBetween(4, 6);
        }

        @Test
        void aliasesCanBeForbidden() {
            String yaml = Fixtures.canary("webhooks: [&hook {name: a, url: 'http://x/'}]\nalerts: *hook");
            ManifestOptions none = ManifestOptions.builder().maxAliasNodes(0).build();

            assertThat(Fixtures.problem(() -> CanaryManifests.load(yaml, none)).message())
                    .startsWith("YAML aliases expand to more than 0 nodes");
        }

        @Test
        void anAliasToNothingIsAnError() {
            assertThat(Fixtures.problem(() -> CanaryManifests.load("a: *nowhere\n")).message())
                    .isEqualTo("alias *nowhere refers to no anchor &nowhere before it");
        }

        @Test
        void tenMegabytesInAStringAreRefusedBeforeParsing() {
            String huge = "a: " + "x".repeat(10 << 20);

            assertThat(Fixtures.problem(() -> CanaryManifests.load(huge)).message())
                    .startsWith("the input is larger than 262144 characters");
        }

        @Test
        void tenMegabytesInAFileAreRefused(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("huge.yaml");
            Files.writeString(file, "# " + "x".repeat(10 << 20));

            assertThat(Fixtures.problem(() -> CanaryManifests.load(file)).message())
                    .startsWith("the input is larger than 262144 characters");
        }

        @Test
        void anEndlessStreamIsReadOnlyUpToTheLimit() {
            CountingStream endless = new CountingStream();

            assertThat(Fixtures.problem(() -> CanaryManifests.load(endless)).message())
                    .startsWith("the input is larger than");
            assertThat(endless.read).isLessThan(2L << 20);
        }

        @Test
        void deepFlowNestingIsRefused() {
            String deep = "a: " + "[ ".repeat(10_000) + "] ".repeat(10_000);

            ManifestProblem problem = Fixtures.problem(() -> CanaryManifests.load(deep));

            assertThat(problem.message()).startsWith("nesting is deeper than 64 levels");
            assertThat(problem.line()).isEqualTo(1);
        }

        @Test
        void deepBlockNestingIsRefused() {
            String deep = IntStream.range(0, 200).mapToObj(i -> " ".repeat(i) + "k:").collect(Collectors.joining("\n"));

            assertThat(Fixtures.problem(() -> CanaryManifests.load(deep)).message())
                    .startsWith("nesting is deeper than 64 levels");
        }

        @Test
        void bytesThatAreNotUtf8AreRefused() {
            InputStream in = new ByteArrayInputStream(new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28});

            assertThat(Fixtures.problem(() -> CanaryManifests.load(in)).message())
                    .startsWith("the input is not UTF-8 text (binary data?)");
        }

        @Test
        void controlCharactersAreRefusedWithTheirPosition() {
            ManifestProblem problem = Fixtures.problem(() -> CanaryManifests.load("kind: Canary\nname: a\u0000b\n"));

            assertThat(problem.message())
                    .isEqualTo("character U+0000 is not allowed in YAML or JSON text (binary data?)");
            assertThat(List.of(problem.line(), problem.column())).containsExactly(2, 8);
        }

        @Test
        void binaryGarbageGivesOnlyManifestExceptions() {
            for (int seed = 0; seed < 200; seed++) {
                byte[] bytes = new byte[1 + new Random(seed).nextInt(4096)];
                new Random(seed).nextBytes(bytes);
                int s = seed;
                Throwable thrown = catchThrowable(() -> CanaryManifests.load(new ByteArrayInputStream(bytes)));
                assertThat(thrown).as("seed %d", s).isInstanceOf(ManifestException.class);
            }
        }

        @Test
        void emptyInputAndCommentsOnlySayTheInputIsEmpty() {
            for (String empty : List.of("", "   \n\n", "# only a comment\n", "---\n---\n")) {
                assertThat(Fixtures.problem(() -> CanaryManifests.load(empty)).message())
                        .isEqualTo("the input is empty: expected Canary, MetricTemplate or AlertProvider documents");
            }
        }

        @Test
        void aMissingFileIsNamed(@TempDir Path dir) {
            Path missing = dir.resolve("missing.yaml");

            assertThat(Fixtures.problem(() -> CanaryManifests.load(missing)).message())
                    .isEqualTo("no such file: " + missing);
        }
    }

    @Nested
    class Fuzzed {
        /** Random edits of valid manifests: each load either succeeds or throws a ManifestException. */
        @Test
        void mutatedManifestsGiveOnlyManifestExceptions() {
            List<String> sources = List.of(Fixtures.text("seed/canary.yaml"),
                    Fixtures.text("flagger/istio-abtest.yaml"), Fixtures.text("flagger/traefik-tutorial.yaml"));
            String noise = ":-[]{}&*!|>'\"#%@`\t,?\n 0123456789.~";
            for (int seed = 0; seed < 1500; seed++) {
                Random random = new Random(seed);
                StringBuilder text = new StringBuilder(sources.get(seed % sources.size()));
                for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
                    int at = random.nextInt(text.length());
                    switch (random.nextInt(3)) {
                        case 0 -> text.deleteCharAt(at);
                        case 1 -> text.insert(at, noise.charAt(random.nextInt(noise.length())));
                        default -> text.insert(at, text.substring(at, Math.min(text.length(), at + 40)));
                    }
                }
                int s = seed;
                assertThatCode(() -> {
                    try {
                        CanaryManifests.load(text.toString());
                    } catch (ManifestException expected) {
                        assertThat(expected.problems()).isNotEmpty();
                    }
                }).as("seed %d:%n%s", s, text).doesNotThrowAnyException();
            }
        }
    }

    /** An endless stream of YAML comment bytes that counts what was read. */
    private static final class CountingStream extends InputStream {
        private long read;

        @Override
        public int read() {
            read++;
            return read == 1 ? '#' : 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                b[off + i] = (byte) read();
            }
            return len;
        }
    }
}
