package dev.canary.testkit.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * Finds secrets in what a run or a call put out, and captures the log (SLF4J's simple logger writes to
 * {@code System.err}) while a case runs. Not thread-safe; one per case.
 */
public final class Leaks implements AutoCloseable {
    private final List<String> secrets;
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    /** Starts capturing the log; {@link #close} stops. */
    public Leaks(Collection<String> secrets) {
        this.secrets = List.copyOf(secrets);
        System.setErr(new PrintStream(new Tee(original, log), true, StandardCharsets.UTF_8));
    }

    /** How many of {@code outputs} (strings of each channel) hold a secret. */
    public int in(Collection<String> outputs) {
        return (int) outputs.stream().filter(this::holdsSecret).count();
    }

    /** 1 when the captured log holds a secret, else 0. */
    public int inLog() {
        return holdsSecret(log.toString(StandardCharsets.UTF_8)) ? 1 : 0;
    }

    /** What was logged since this capture started. */
    public String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    /** Whether {@code text} holds one of the secrets. */
    public boolean holdsSecret(String text) {
        return secrets.stream().anyMatch(text::contains);
    }

    @Override
    public void close() {
        System.setErr(original);
    }

    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
