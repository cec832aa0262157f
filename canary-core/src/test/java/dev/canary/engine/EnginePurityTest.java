package dev.canary.engine;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.File;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** Keeps {@code dev.canary.engine} a pure function: no I/O, threads, clocks, randomness, logging or JSON. */
class EnginePurityTest {

    static final DescribedPredicate<JavaClass> IMPURE_TYPES = resideInAnyPackage("java.io..", "java.nio..",
            "java.net..", "java.util.concurrent..", "org.slf4j..", "com.fasterxml..", "okhttp3..",
            "dev.canary.internal..")
            .or(assignableTo(Clock.class)).or(assignableTo(Thread.class)).or(assignableTo(Random.class))
            .as("I/O, network, concurrency, clock, thread, randomness, logging, JSON or internal types");

    static final DescribedPredicate<JavaMethodCall> CLOCK_OR_RANDOM_READS = DescribedPredicate.describe(
            "a clock read or a random number", call -> {
                String owner = call.getTargetOwner().getName();
                String name = call.getName();
                return owner.equals("java.lang.System") && (name.equals("currentTimeMillis") || name.equals("nanoTime"))
                        || owner.startsWith("java.time.") && name.equals("now")
                        || owner.equals("java.lang.Math") && name.equals("random");
            });

    static final ArchRule ENGINE_IS_PURE = noClasses().that().resideInAPackage("dev.canary.engine..")
            .should().dependOnClassesThat(IMPURE_TYPES)
            .orShould().callMethodWhere(CLOCK_OR_RANDOM_READS)
            .because("the engine decides from (spec, state, observations, now) alone");

    @Test
    void theEngineIsPure() {
        JavaClasses engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.canary.engine");

        assertThat(engine.stream().map(JavaClass::getSimpleName)).contains("Engine", "Tick", "Analysis");
        ENGINE_IS_PURE.check(engine);
    }

    @Nested
    class TheRuleCatches {
        final JavaClasses samples = new ClassFileImporter().importClasses(ReadsInstantNow.class,
                ReadsLocalDateTimeNow.class, ReadsCurrentTimeMillis.class, ReadsNanoTime.class, UsesRandom.class,
                CallsMathRandom.class, UsesAClock.class, Sleeps.class, ReadsAFile.class, UsesConcurrency.class,
                Logs.class, Pure.class);

        EvaluationResult evaluate(Class<?> sample) {
            return ENGINE_IS_PURE.evaluate(samples.that(DescribedPredicate.describe(sample.getSimpleName(),
                    c -> c.isEquivalentTo(sample))));
        }

        @ParameterizedTest
        @ValueSource(classes = {ReadsInstantNow.class, ReadsLocalDateTimeNow.class, ReadsCurrentTimeMillis.class,
            ReadsNanoTime.class, UsesRandom.class, CallsMathRandom.class, UsesAClock.class, Sleeps.class,
            ReadsAFile.class, UsesConcurrency.class, Logs.class})
        void aViolation(Class<?> impure) {
            EvaluationResult result = evaluate(impure);

            assertThat(result.hasViolation()).as(impure.getSimpleName()).isTrue();
            assertThat(result.getFailureReport().getDetails()).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).contains(impure.getSimpleName()));
        }

        @Test
        void butNotAPureClass() {
            EvaluationResult result = evaluate(Pure.class);

            assertThat(result.hasViolation()).isFalse();
        }
    }

    // Test-only samples in dev.canary.engine, each with one impurity.

    static final class ReadsInstantNow {
        Instant at() {
            return Instant.now();
        }
    }

    static final class ReadsLocalDateTimeNow {
        Object at() {
            return LocalDateTime.now();
        }
    }

    static final class ReadsCurrentTimeMillis {
        long at() {
            return System.currentTimeMillis();
        }
    }

    static final class ReadsNanoTime {
        long at() {
            return System.nanoTime();
        }
    }

    static final class UsesRandom {
        int roll(Random random) {
            return random.nextInt(6);
        }
    }

    static final class CallsMathRandom {
        double roll() {
            return Math.random();
        }
    }

    static final class UsesAClock {
        Instant at(Clock clock) {
            return clock.instant();
        }
    }

    static final class Sleeps {
        void pause() throws InterruptedException {
            Thread.sleep(1);
        }
    }

    static final class ReadsAFile {
        boolean exists() {
            return new File("state.json").exists();
        }
    }

    static final class UsesConcurrency {
        Object map() {
            return new ConcurrentHashMap<String, String>();
        }
    }

    static final class Logs {
        void log() {
            LoggerFactory.getLogger(Logs.class).info("tick");
        }
    }

    static final class Pure {
        Instant later(Instant now) {
            return now.plusSeconds(10);
        }
    }
}
