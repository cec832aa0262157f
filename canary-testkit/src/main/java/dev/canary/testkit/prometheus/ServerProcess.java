package dev.canary.testkit.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Prometheus child process listening on a free 127.0.0.1 port: started again on another port when the one
 * chosen was taken meanwhile, ready once {@code /-/ready} answers 200, stopped with SIGTERM then a forced kill.
 */
final class ServerProcess {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int LOG_LINES = 20;

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Runs {@code command} plus {@code --web.listen-address=127.0.0.1:<free port>}, output to {@code log}, and
     * waits until it is ready; tries up to {@code attempts} ports when the port was taken.
     */
    static ServerProcess start(List<String> command, Path log, int attempts, Duration readyTimeout) {
        IllegalStateException portTaken = null;
        for (int i = 0; i < attempts; i++) {
            ServerProcess server = launch(command, freePort(), log);
            try {
                server.awaitReady(readyTimeout);
                return server;
            } catch (IllegalStateException e) {
                server.stop(Duration.ofSeconds(5));
                if (!e.getMessage().contains("address already in use")) {
                    throw e;
                }
                portTaken = e;
            }
        }
        throw portTaken != null ? portTaken : new IllegalArgumentException("attempts must be at least 1");
    }

    private static ServerProcess launch(List<String> command, int port, Path log) {
        List<String> full = new ArrayList<>(command);
        full.add("--web.listen-address=127.0.0.1:" + port);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ServerProcess(process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited with code " + process.exitValue()
                        + " before it was ready; the end of its log:\n" + logTail());
            }
            if (ready()) {
                return;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Prometheus to be ready", e);
            }
        }
        throw new IllegalStateException("Prometheus was not ready within " + timeout.toSeconds()
                + " s; the end of its log:\n" + logTail());
    }

    private boolean ready() {
        try {
            HttpURLConnection c = (HttpURLConnection) uri().resolve("/-/ready").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(1000);
            try {
                return c.getResponseCode() == 200;
            } finally {
                c.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, then a forced kill when it has not exited after {@code grace}. */
    void stop(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
        }
    }
}
