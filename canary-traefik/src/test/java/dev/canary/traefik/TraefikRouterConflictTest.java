package dev.canary.traefik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.ProviderException;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.Routes;
import dev.canary.testkit.ContractSpecs;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Another writer changes the TraefikService between the router's read and its update. */
class TraefikRouterConflictTest {
    static final CanarySpec SEED = ContractSpecs.seed();

    @RegisterExtension
    final MockTraefik mock = new MockTraefik();

    @Nested
    class WhenAnotherWriterGetsThereFirst {
        @Test
        void theRouterReadsAgainAndWritesItsWeightsOverTheNewVersion() {
            ConcurrentWriter writer = new ConcurrentWriter(1);
            mock.intercept(writer);
            TraefikRouter router = mock.router().build();
            router.reconcile(SEED);
            router.setRoutes(SEED, Routes.canary(25));

            assertThat(writer.writes.get()).isEqualTo(1);
            assertThat(router.routes(SEED)).isEqualTo(Routes.canary(25));
            assertThat(mock.traefikService("demo-canary", "podinfo").getMetadata().getLabels())
                    .as("the other writer's change survives: the router re-read instead of overwriting")
                    .containsEntry("other-writer", "1");
        }

        @Test
        void theRouterGivesUpAfterItsAttemptsNamingTheObject() {
            ConcurrentWriter writer = new ConcurrentWriter(Integer.MAX_VALUE);
            mock.intercept(writer);
            TraefikRouter router = mock.router().maxAttempts(3).build();
            router.reconcile(SEED);

            assertThatThrownBy(() -> router.setRoutes(SEED, Routes.canary(25)))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.status()).isEqualTo(409))
                    .hasMessageContaining("gave up writing TraefikService demo-canary/podinfo (traefik.io/v1alpha1)"
                            + " after 3 attempts");
            assertThat(writer.writes.get()).isEqualTo(3);
            assertThat(router.routes(SEED)).isEqualTo(Routes.PRIMARY_ONLY);
        }
    }

    /** Just before each of the router's updates (PUT), changes the object through another client. */
    final class ConcurrentWriter implements Interceptor {
        final AtomicInteger writes = new AtomicInteger();
        private final int times;

        ConcurrentWriter(int times) {
            this.times = times;
        }

        @Override
        public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            if (request.method().equals("PUT") && request.uri().getPath().endsWith("/traefikservices/podinfo")
                    && writes.get() < times) {
                int n = writes.incrementAndGet();
                mock.client().genericKubernetesResources(MockTraefik.context(TraefikApiGroup.TRAEFIK_IO, "TraefikService"))
                        .inNamespace("demo-canary").withName("podinfo").edit(r -> {
                            var labels = new HashMap<>(r.getMetadata().getLabels());
                            labels.put("other-writer", Integer.toString(n));
                            r.getMetadata().setLabels(labels);
                            return r;
                        });
            }
        }
    }
}
