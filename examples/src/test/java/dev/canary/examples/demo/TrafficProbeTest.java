package dev.canary.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.spec.Routes;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrafficProbeTest {
    private final TrafficProbe probe = new TrafficProbe();
    private DemoService primary;
    private DemoService canary;
    private WeightedProxy proxy;

    @BeforeEach
    void start() {
        primary = DemoService.start("primary", ServiceBehaviour.healthy("v1"));
        canary = DemoService.start("canary", new ServiceBehaviour("v2", 0, Duration.ZERO));
        proxy = WeightedProxy.builder().primary(primary.uri()).canary(canary.uri()).random(new Random(7)).start();
    }

    @AfterEach
    void stop() {
        proxy.close();
        primary.close();
        canary.close();
    }

    @Test
    void countsExactlyTheRequestsItSentByWhereTheProxySentThem() {
        assertThat(probe.split(proxy, 20)).isEqualTo(new TrafficSplit(20, 0));
        proxy.setRoutes(Routes.canary(100));
        assertThat(probe.split(proxy, 15)).isEqualTo(new TrafficSplit(0, 15));
        proxy.setRoutes(Routes.canary(50));
        assertThat(probe.split(proxy, 40).total()).isEqualTo(40);
    }

    @Test
    void doesNotCountOtherTrafficThroughTheProxyAtTheSameTime() throws Exception {
        TrafficProbe other = new TrafficProbe();
        Thread background = new Thread(() -> other.warmUp(200, proxy.uri()));
        background.start();
        try {
            assertThat(probe.split(proxy, 30)).isEqualTo(new TrafficSplit(30, 0));
        } finally {
            background.join();
        }
        assertThat(proxy.log().size()).isEqualTo(230);
    }

    @Test
    void warmsUpEachTargetWithTheGivenNumberOfRequests() {
        probe.warmUp(3, proxy.uri(), canary.uri());
        assertThat(primary.requests()).isEqualTo(3);
        assertThat(canary.requests()).isEqualTo(3);
        assertThat(proxy.log().size()).isEqualTo(3);
    }

    @Test
    void sendsABoundedNumberOfRequests() {
        assertThatThrownBy(() -> probe.warmUp(0, proxy.uri())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count must be between 1 and 1000 but was 0");
        assertThatThrownBy(() -> probe.warmUp(TrafficProbe.MAX_REQUESTS + 1, proxy.uri()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void saysWhichTargetDidNotAnswer() {
        URI closed = canary.uri();
        canary.close();
        assertThatThrownBy(() -> probe.warmUp(1, closed)).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("no answer from " + closed);
    }
}
