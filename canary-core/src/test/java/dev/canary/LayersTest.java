package dev.canary;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.canary.layersamples.ExposesJackson;
import dev.canary.layersamples.ExposesOkHttp;
import dev.canary.layersamples.HidesOkHttp;
import dev.canary.layersamples.engine.EngineCallsApi;
import dev.canary.layersamples.spec.SpecCallsEngine;
import dev.canary.layersamples.spi.SpiCallsInternal;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The layers of the core (see {@link Layers}) hold for the real code, and each rule fails on a sample. */
class LayersTest {
    static final Layers REAL = new Layers("dev.canary");
    static final Layers SAMPLES = new Layers("dev.canary.layersamples");

    @Test
    void theCoreKeepsItsLayers() {
        JavaClasses core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.canary");

        assertThat(core.stream().map(JavaClass::getName)).contains("dev.canary.CanaryRun",
                "dev.canary.spec.CanarySpec", "dev.canary.engine.Engine", "dev.canary.spi.StateStore",
                "dev.canary.internal.Runner");
        REAL.all().forEach(rule -> rule.check(core));
    }

    @Nested
    class TheRulesCatch {
        final JavaClasses samples = new ClassFileImporter().importPackages("dev.canary.layersamples");

        List<String> violations(ArchRule rule, JavaClasses classes) {
            EvaluationResult result = rule.evaluate(classes);
            return result.getFailureReport().getDetails();
        }

        @Test
        void specDependingOnTheEngine() {
            assertThat(violations(SAMPLES.specDependsOnNothingElse(), samples)).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).contains(SpecCallsEngine.class.getSimpleName()));
        }

        @Test
        void theEngineDependingOnTheApi() {
            assertThat(violations(SAMPLES.engineDependsOnlyOnSpec(), samples)).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).contains(EngineCallsApi.class.getSimpleName()));
        }

        @Test
        void theSpiDependingOnInternal() {
            assertThat(violations(SAMPLES.spiDependsOnlyOnSpec(), samples)).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).contains(SpiCallsInternal.class.getSimpleName()));
        }

        @Test
        void aCycleBetweenTheApiAndTheEngine() {
            assertThat(String.join("\n", violations(SAMPLES.noCycles(), samples)))
                    .contains(EngineCallsApi.class.getSimpleName());
        }

        @Test
        void butNotTheFacadeCreatingTheRunner() {
            JavaClasses layered = samples.that(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "samples without layer violations", c -> !List.of(SpecCallsEngine.class.getName(),
                            EngineCallsApi.class.getName(), SpiCallsInternal.class.getName()).contains(c.getName())));

            assertThat(layered.stream().map(JavaClass::getSimpleName)).contains("ApiEntry", "Machine");
            assertThat(violations(SAMPLES.noCycles(), layered)).isEmpty();
            assertThat(violations(SAMPLES.specDependsOnNothingElse(), layered)).isEmpty();
            assertThat(violations(SAMPLES.engineDependsOnlyOnSpec(), layered)).isEmpty();
            assertThat(violations(SAMPLES.spiDependsOnlyOnSpec(), layered)).isEmpty();
        }

        @Test
        void okHttpOrJacksonInAPublicSignature() {
            List<String> found = violations(SAMPLES.hidesTransportTypes(), samples);

            assertThat(String.join("\n", found))
                    .contains(ExposesOkHttp.class.getName() + " exposes okhttp3.OkHttpClient",
                            ExposesJackson.class.getName() + " exposes com.fasterxml.jackson.databind.ObjectMapper")
                    .doesNotContain(HidesOkHttp.class.getName());
        }
    }
}
