package dev.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.spec.MetricResult;
import dev.canary.spi.ProviderConfig;
import dev.canary.spi.RunLease;
import dev.canary.testkit.ContractSpecs;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every provider kind named on the builder (router, metrics, target, state store, lease, listener) is found
 * through ServiceLoader in {@code build()}, with the class loader the builder has then.
 */
class ProvidersByNameTest {
    @TempDir
    Path dir;

    private CanaryRun.Builder run() {
        return CanaryRun.builder().spec(ContractSpecs.seed()).router(new FakeRouter())
                .target(new FakeTarget("v1", "v1")).metrics(query -> MetricResult.value(100));
    }

    /** A class loader that sees the test classes and, in addition, {@code factory} registered for {@code type}. */
    private ClassLoader registering(Class<?> type, Class<?> factory) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(type.getName()), factory.getName() + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    /** A class loader that finds no provider at all. */
    private static ClassLoader empty() {
        return new ClassLoader(null) {
        };
    }

    /** Refuses every config, saying what it was given, so a test sees that it was created and with what. */
    public static final class RefusingLeaseFactory implements RunLease.Factory {
        @Override
        public String name() {
            return "test-lease";
        }

        @Override
        public RunLease create(ProviderConfig config) {
            throw new IllegalArgumentException("created with holder=" + config.get("holder").orElse("?"));
        }
    }

    /** Refuses every config, saying what it was given. */
    public static final class RefusingListenerFactory implements CanaryListener.Factory {
        @Override
        public String name() {
            return "test-listener";
        }

        @Override
        public CanaryListener create(ProviderConfig config) {
            throw new IllegalArgumentException("created with format=" + config.get("format").orElse("?"));
        }
    }

    @Nested
    class StateStores {
        @Test
        void aClassLoaderSetAfterTheNameStillApplies() {
            CanaryRun.Builder builder = run()
                    .stateStore("file", ProviderConfig.of(Map.of("directory", dir.toString()))).classLoader(empty());

            assertThatThrownBy(builder::build).isInstanceOf(ProviderNotFoundException.class)
                    .hasMessageContaining("no state store named 'file' on the class path");
        }

        @Test
        void areFoundByNameInBuild() {
            CanaryRun run = run().stateStore("file", ProviderConfig.of(Map.of("directory", dir.toString()))).build();

            assertThat(run.spec()).isEqualTo(ContractSpecs.seed());
        }

        @Test
        void anUnknownNameFailsInBuildNamingTheArtifact() {
            CanaryRun.Builder builder = run().stateStore("etcd");

            assertThatThrownBy(builder::build).isInstanceOf(ProviderNotFoundException.class)
                    .hasMessageContaining("no state store named 'etcd' on the class path; available: [memory");
        }
    }

    @Nested
    class Leases {
        @Test
        void areFoundByNameWithTheirSettings() throws IOException {
            CanaryRun.Builder builder = run().lease("test-lease", ProviderConfig.of(Map.of("holder", "replica-a")))
                    .classLoader(registering(RunLease.Factory.class, RefusingLeaseFactory.class));

            assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("run lease 'test-lease': created with holder=replica-a");
        }

        @Test
        void aMissingOneNamesTheArtifactToAdd() {
            CanaryRun.Builder builder = run().lease("kubernetes").classLoader(empty());

            assertThatThrownBy(builder::build).isInstanceOf(ProviderNotFoundException.class)
                    .hasMessage("no run lease named 'kubernetes' on the class path; available: []. Add "
                            + "dev.canary:canary-kubernetes to your dependencies");
        }

        @Test
        void anInstanceReplacesAName() {
            assertThat(run().lease("kubernetes").lease(RunLease.ALWAYS_HELD).classLoader(empty()).build())
                    .isNotNull();
        }
    }

    @Nested
    class Listeners {
        @Test
        void areFoundByNameWithTheirSettings() throws IOException {
            CanaryRun.Builder builder = run().listener(CanaryListener.NONE)
                    .listener("test-listener", ProviderConfig.of(Map.of("format", "json")))
                    .classLoader(registering(CanaryListener.Factory.class, RefusingListenerFactory.class));

            assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("listener 'test-listener': created with format=json");
        }

        @Test
        void aMissingOneFailsTheBuild() {
            CanaryRun.Builder builder = run().listener("micrometer");

            assertThatThrownBy(builder::build).isInstanceOf(ProviderNotFoundException.class)
                    .hasMessageStartingWith("no listener named 'micrometer' on the class path");
        }
    }
}
