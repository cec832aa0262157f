package dev.canary.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A load's memory is bounded by its size: no input within the default limits allocates more than 64 MB, ordinary
 * manifests, long lines, deep nesting and aliases stay within 20 bytes per input byte, and one long word is
 * refused before it is read. Prints the table of docs/manifests.md.
 */
class ManifestMemoryTest {
    @Test
    void noInputWithinTheLimitsAllocatesMoreThan64Megabytes() {
        System.out.println("\nManifest loading, bytes allocated per input byte:\n\n" + ManifestAllocation.table(3));
        ManifestAllocation.inputs().forEach((name, input) -> assertThat(ManifestAllocation.allocated(input, 2))
                .as(name).isLessThanOrEqualTo(ManifestAllocation.MAX_BYTES));
    }

    @Test
    void aLongWordIsRefusedBeforeTheParserCopiesItOverAndOver() {
        String input = ManifestAllocation.longWord(200_000);
        assertThat(Fixtures.problem(() -> CanaryManifests.load(input)).message())
                .contains("a run of more than 8192 characters without a space or line break");
        assertThat(ManifestAllocation.bytesPerByte(input, 2)).isLessThanOrEqualTo(ManifestAllocation.GOAL);
    }

    @Test
    void longLinesDeepNestingAndAliasesStayWithinTwentyBytesPerByte() {
        assertThat(ManifestAllocation.bytesPerByte(ManifestAllocation.longLine(250_000), 2))
                .isLessThanOrEqualTo(ManifestAllocation.GOAL);
        assertThat(ManifestAllocation.bytesPerByte(ManifestAllocation.longLine(250_000).replace("\":\"", "\": \""), 2))
                .isLessThanOrEqualTo(ManifestAllocation.GOAL);
        assertThat(ManifestAllocation.bytesPerByte(ManifestAllocation.nested(60, 800), 2))
                .isLessThanOrEqualTo(ManifestAllocation.GOAL);
        assertThat(ManifestAllocation.bytesPerByte(ManifestAllocation.aliases(9_000), 2))
                .isLessThanOrEqualTo(ManifestAllocation.GOAL);
    }

    /**
     * Reading the YAML of an ordinary manifest costs about 5 bytes per byte and building and validating its specs
     * about 7 more (docs/manifests.md): within the goal with room to spare.
     */
    @Test
    void anOrdinaryManifestStaysWithinTwentyBytesPerByte() {
        assertThat(ManifestAllocation.bytesPerByte(ManifestAllocation.normal(210), 2))
                .isLessThanOrEqualTo(ManifestAllocation.GOAL);
    }

    @Test
    void tooManyValuesIsAClearError() {
        assertThat(Fixtures.problem(() -> CanaryManifests.load(ManifestAllocation.nested(60, 2000))).message())
                .contains("more than 50000 values");
    }
}
