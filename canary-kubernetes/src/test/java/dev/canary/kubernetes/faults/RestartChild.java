package dev.canary.kubernetes.faults;

import dev.canary.CanaryExecution;
import dev.canary.CanaryRun;
import dev.canary.internal.FileStateStore;
import dev.canary.kubernetes.KubernetesDeploymentTarget;
import dev.canary.kubernetes.KubernetesStateStore;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.Routes;
import dev.canary.spec.TargetStatus;
import dev.canary.spi.DeploymentTarget;
import dev.canary.spi.StateStore;
import dev.canary.spi.StoredRun;
import dev.canary.spi.TrafficRouter;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import dev.canary.traefik.TraefikRouter;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The program {@link RestartFaultsTest} starts as a child JVM and kills with SIGKILL: one canary on the mock API
 * server (Traefik router, Kubernetes target, a file or Kubernetes state store) on a manual scheduler, whose clock
 * continues from the clock file of the JVM before. Every call that writes (router, target, state store) is two
 * numbered points, before and after it, and every scheduled task one; each is printed as {@code POINT n name}.
 * At the point to die at it prints {@code KILL-ME n name} and waits for the kill. At the end it prints
 * {@code END phase}.
 *
 * <p>Arguments: master URL, canary name, store ({@code kubernetes} or {@code file:<directory>}), {@code healthy}
 * or {@code failing}, clock file, point to die at (0 for none).
 */
public final class RestartChild {
    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private final int dieAt;
    private int points;

    private RestartChild(int dieAt) {
        this.dieAt = dieAt;
    }

    /** Runs the canary to its end (or to the point to die at). */
    public static void main(String[] args) throws IOException {
        new RestartChild(Integer.parseInt(args[5])).run(args[0], args[1], args[2], args[3].equals("failing"),
                Path.of(args[4]));
    }

    private void run(String master, String name, String storeName, boolean failing, Path clockFile)
            throws IOException {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(master).withRequestRetryBackoffLimit(0)
                .build();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        MutableClock clock = new MutableClock(Instant.parse(Files.readString(clockFile).trim()).plusSeconds(1));
        ManualScheduler scheduler = new ManualScheduler(clock);
        CanarySpec spec = RestartFaultsTest.spec(name);
        MockCanary canary = new MockCanary(spec, client, false);
        StateStore store = storeName.equals("kubernetes") ? new KubernetesStateStore(client)
                : new FileStateStore(Path.of(storeName.substring("file:".length())));
        CanaryExecution run = canary.run(client).router(router(TraefikRouter.builder(client).build()))
                .target(target(KubernetesDeploymentTarget.builder(client).build())).stateStore(store(store))
                .clock(clock).scheduler(scheduler).executor(scheduler).build().start();
        while (!run.result().isDone() && scheduler.pendingTasks() > 0) {
            canary.control();
            if (failing && run.status().canaryWeight() >= 20) {
                canary.fail();
            }
            at("task");
            scheduler.runNext();
            Path temp = clockFile.resolveSibling(clockFile.getFileName() + ".tmp");
            Files.writeString(temp, clock.instant().toString());
            Files.move(temp, clockFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        out.println("END " + (run.result().isDone() ? run.result().join().phase().name() : "NOT_ENDED"));
        System.exit(0);
    }

    private void at(String point) {
        points++;
        if (points == dieAt) {
            out.println("KILL-ME " + points + " " + point);
            while (true) {
                LockSupport.park();
            }
        }
        out.println("POINT " + points + " " + point);
    }

    private interface Call {
        void run();
    }

    private void around(String what, Call call) {
        at(what + " before");
        call.run();
        at(what + " after");
    }

    private TrafficRouter router(TrafficRouter real) {
        return new TrafficRouter() {
            @Override
            public void reconcile(CanarySpec spec) {
                around("reconcile", () -> real.reconcile(spec));
            }

            @Override
            public Routes routes(CanarySpec spec) {
                return real.routes(spec);
            }

            @Override
            public void setRoutes(CanarySpec spec, Routes routes) {
                around("set canary " + routes.canary(), () -> real.setRoutes(spec, routes));
            }
        };
    }

    private DeploymentTarget target(DeploymentTarget real) {
        return new DeploymentTarget() {
            @Override
            public void initialize(CanarySpec spec) {
                around("initialize", () -> real.initialize(spec));
            }

            @Override
            public TargetStatus status(CanarySpec spec) {
                return real.status(spec);
            }

            @Override
            public void scaleCanaryUp(CanarySpec spec) {
                around("scale up", () -> real.scaleCanaryUp(spec));
            }

            @Override
            public void scaleCanaryDown(CanarySpec spec) {
                around("scale down", () -> real.scaleCanaryDown(spec));
            }

            @Override
            public void promote(CanarySpec spec) {
                around("promote", () -> real.promote(spec));
            }
        };
    }

    private StateStore store(StateStore real) {
        return new StateStore() {
            @Override
            public Optional<StoredRun> load(String key) {
                return real.load(key);
            }

            @Override
            public void save(String key, StoredRun run) {
                around("save " + run.phase().name() + " " + run.canaryWeight(), () -> real.save(key, run));
            }

            @Override
            public void delete(String key) {
                real.delete(key);
            }
        };
    }
}
