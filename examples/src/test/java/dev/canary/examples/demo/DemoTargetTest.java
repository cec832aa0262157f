package dev.canary.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.Readiness;
import dev.canary.spec.TargetStatus;
import dev.canary.spi.DeploymentTarget;
import dev.canary.testkit.AbstractDeploymentTargetContractTest;
import dev.canary.testkit.ContractSpecs;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DemoTargetTest extends AbstractDeploymentTargetContractTest {
    private static final CanarySpec SPEC = ContractSpecs.seed();

    private final DemoService primary = DemoService.start("primary", ServiceBehaviour.healthy("v0"));
    private final DemoService canary = DemoService.start("canary", ServiceBehaviour.healthy("v0"));
    private final DemoTarget target = new DemoTarget(primary, canary, ServiceBehaviour.healthy("v1"));
    private int published = 1;

    @AfterEach
    void stop() {
        primary.close();
        canary.close();
    }

    @Override
    protected DeploymentTarget target() {
        return target;
    }

    @Override
    protected void publishNewRevision() {
        published++;
        target.publish(ServiceBehaviour.healthy("v" + published));
    }

    @Override
    protected void makeEverythingReady() {
        // the services are ready while they run
    }

    private static String body(DemoService service) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(service.uri()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Nested
    class Bootstrapping {
        @Test
        void thePrimaryIsNotReadyUntilInitialized() {
            TargetStatus status = target.status(SPEC);
            assertThat(status.primaryRevision()).isNull();
            assertThat(status.primary()).isEqualTo(Readiness.waiting("the primary is not bootstrapped yet"));
            assertThat(status.revision()).isEqualTo("v1");
        }

        @Test
        void aRevisionPublishedAfterBootstrapStartsARun() throws Exception {
            target.initialize(SPEC);
            target.publish(new ServiceBehaviour("v2", 10, Duration.ZERO));
            TargetStatus status = target.status(SPEC);
            assertThat(status.primaryRevision()).isEqualTo("v1");
            assertThat(status.revision()).isEqualTo("v2");
            assertThat(body(primary)).isEqualTo("primary v1\n");
            assertThat(body(canary)).isEqualTo("canary v2\n");
        }
    }

    @Nested
    class Promoting {
        @Test
        void makesThePrimaryServiceAnswerWithTheCanarysBehaviour() throws Exception {
            target.initialize(SPEC);
            ServiceBehaviour v2 = new ServiceBehaviour("v2", 0, Duration.ofMillis(1));
            target.publish(v2);
            target.promote(SPEC);
            assertThat(primary.behaviour()).isEqualTo(v2);
            assertThat(body(primary)).isEqualTo("primary v2\n");
            assertThat(target.status(SPEC).primaryRevision()).isEqualTo("v2");
        }
    }

    @Nested
    class Scaling {
        @Test
        void remembersWhetherTheCanaryIsScaledUp() {
            target.scaleCanaryUp(SPEC);
            assertThat(target.isCanaryScaledUp()).isTrue();
            target.scaleCanaryDown(SPEC);
            assertThat(target.isCanaryScaledUp()).isFalse();
        }

        @Test
        void aStoppedServiceIsNotReady() {
            target.initialize(SPEC);
            canary.close();
            assertThat(target.status(SPEC).canary().isReady()).isFalse();
            assertThat(target.status(SPEC).canary().reason()).isEqualTo("the canary service is not running");
        }
    }
}
