package dev.canary.internal.load;

import dev.canary.LoadTest;
import dev.canary.spec.GateResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An allowed external command (such as the real {@code hey}), started directly without a shell. Its output is
 * kept (the last {@value #MAX_OUTPUT} characters); it is killed after {@link LoadTest#MAX_DURATION}. While it runs
 * the hook passes; when it has ended the hook passes if it exited with 0 and, for hey, got at least one response
 * (read from hey's "Status code distribution"). Thread-safe.
 */
final class ProcessJob implements LoadJob {
    static final int MAX_OUTPUT = 16_384;
    private static final Pattern HEY_STATUS = Pattern.compile("\\[(\\d{3})]\\s+(\\d+)\\s+responses");

    private final String label;
    private final boolean hey;
    private final Process process;
    private final long startNanos = System.nanoTime();
    private final StringBuilder output = new StringBuilder();
    private final Thread reader;

    /** @throws IOException when the command cannot be started (not installed, not executable) */
    ProcessJob(String label, List<String> argv, String threadName) throws IOException {
        this.label = label;
        this.hey = HeyCommand.isHey(argv.get(0));
        this.process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        process.getOutputStream().close();
        this.reader = new Thread(this::drain, threadName);
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public boolean isRunning() {
        return process.isAlive() || reader.isAlive();
    }

    @Override
    public GateResult progress() {
        Duration running = Duration.ofNanos(System.nanoTime() - startNanos);
        if (isRunning() && running.compareTo(LoadTest.MAX_DURATION) > 0) {
            stop();
            return LoadJob.answer(false, label + " ran longer than " + LoadTest.MAX_DURATION + " and was killed");
        }
        if (isRunning()) {
            return LoadJob.answer(true, label + " running for " + running.toSeconds() + "s (pid " + process.pid()
                    + ")");
        }
        int exit = process.exitValue();
        String output = output();
        if (exit != 0) {
            return LoadJob.answer(false, label + " exited with code " + exit + ": " + shortened(output));
        }
        if (hey) {
            long responses = heyResponses(output);
            return LoadJob.answer(responses > 0, label + (responses > 0 ? " finished: " + responses
                    + " responses" : " finished without any response: " + shortened(output)));
        }
        return LoadJob.answer(true, label + " finished with exit code 0");
    }

    @Override
    public void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /** The responses in hey's summary, 0 when there is none. */
    static long heyResponses(String output) {
        Matcher m = HEY_STATUS.matcher(output);
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(2));
        }
        return sum;
    }

    private void drain() {
        byte[] buffer = new byte[4096];
        try (InputStream in = process.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (output) {
                    output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (output.length() > MAX_OUTPUT) {
                        output.delete(0, output.length() - MAX_OUTPUT);
                    }
                }
            }
        } catch (IOException e) {
            synchronized (output) {
                output.append("\n(output not readable: ").append(e).append(')');
            }
        }
    }

    private String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    /** The end of the output on one line, for an answer's detail. */
    static String shortened(String output) {
        String line = output.strip().replaceAll("\\s+", " ");
        if (line.isEmpty()) {
            return "(no output)";
        }
        return line.length() <= 400 ? line : "..." + line.substring(line.length() - 400);
    }
}
