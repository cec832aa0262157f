package dev.canary.manifest;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Measures the bytes a manifest load allocates per byte of input, for the shapes an attacker or a large user
 * would send: many ordinary documents, one long line, deep nesting, and many aliases. Uses HotSpot's per-thread
 * allocation counter; each figure is the least of several loads after a warm-up, so class loading and JIT
 * compilation are left out. Run {@link #main} for the table of docs/manifests.md.
 */
final class ManifestAllocation {
    /** The goal: a load allocates at most this many bytes per input byte. */
    static final double GOAL = 20;
    /** No load of an input within the default limits allocates more than this. */
    static final long MAX_BYTES = 64L << 20;

    private ManifestAllocation() {
    }

    /** The inputs, by name: each is a complete input that loads, or fails cleanly, within the default limits. */
    static Map<String, String> inputs() {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("normal: 630 documents (Canary, MetricTemplate, AlertProvider)", normal(210));
        inputs.put("long line: one 250 KB JSON line", longLine(250_000));
        inputs.put("long line: one 250 KB YAML flow line", longLine(250_000).replace("\":\"", "\": \""));
        inputs.put("long word: one 250 KB YAML scalar (refused)", longWord(250_000));
        inputs.put("long words: 30 YAML scalars of 8 KB", longWords(30, 8_000));
        inputs.put("deep nesting: 60 levels x 800", nested(60, 800));
        inputs.put("deep nesting: 60 levels x 2000 (refused: too many values)", nested(60, 2000));
        inputs.put("aliases: 9000 nodes through aliases", aliases(9_000));
        return inputs;
    }

    /** Bytes allocated per input byte (UTF-8) by the least costly of {@code rounds} loads. */
    static double bytesPerByte(String input, int rounds) {
        return (double) allocated(input, rounds) / input.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** Bytes allocated by the least costly of {@code rounds} loads of {@code input}. */
    static long allocated(String input, int rounds) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < rounds + 2; i++) {
            long before = threads.getThreadAllocatedBytes(id);
            try {
                CanaryManifests.load(input);
            } catch (ManifestException e) {
                // an input refused cleanly still counts what it allocated
            }
            long allocated = threads.getThreadAllocatedBytes(id) - before;
            if (i >= 2) {
                least = Math.min(least, allocated);
            }
        }
        return least;
    }

    /** The table: input, size, bytes allocated per input byte, peak in MB. */
    static String table(int rounds) {
        StringBuilder b = new StringBuilder("| input | size | allocated per input byte | allocated |\n"
                + "|---|---|---|---|\n");
        inputs().forEach((name, input) -> {
            int size = input.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            double ratio = bytesPerByte(input, rounds);
            b.append(String.format(java.util.Locale.ROOT, "| %s | %,d B | %.1f | %.1f MB |%n", name, size, ratio,
                    ratio * size / 1e6));
        });
        return b.toString();
    }

    public static void main(String[] args) {
        System.out.println(table(5));
    }

    static String normal(int sets) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < sets; i++) {
            b.append(Fixtures.canary("""
                    threshold: 5
                    metrics:
                      - name: errors
                        templateRef: {name: error-rate-%d}
                        thresholdRange: {max: 1}
                        interval: 1m
                    webhooks:
                      - name: load-test
                        url: http://flagger-loadtester.test/
                        timeout: 5s
                        metadata: {cmd: "hey -z 1m -q 10 -c 2 http://podinfo-canary.test:9898/"}
                    """.formatted(i)).replace("name: podinfo\n  namespace", "name: podinfo-" + i + "\n  namespace"));
            b.append("---\n").append("""
                    apiVersion: flagger.app/v1beta1
                    kind: MetricTemplate
                    metadata: {name: error-rate-%d, namespace: test}
                    spec:
                      provider: {type: prometheus, address: "http://prometheus.monitoring:9090"}
                      query: |
                        100 - sum(rate(http_requests_total{namespace="{{ namespace }}",status!~"5.*"}[{{ interval }}]))
                        / sum(rate(http_requests_total{namespace="{{ namespace }}"}[{{ interval }}])) * 100
                    ---
                    apiVersion: flagger.app/v1beta1
                    kind: AlertProvider
                    metadata: {name: on-call-%d, namespace: test}
                    spec: {type: slack, channel: releases, address: "https://hooks.slack.com/services/T/B/x"}
                    ---
                    """.formatted(i, i));
        }
        return b.toString();
    }

    static String longLine(int chars) {
        String head = "{\"apiVersion\":\"flagger.app/v1beta1\",\"kind\":\"Canary\",\"metadata\":{\"name\":\"podinfo\","
                + "\"namespace\":\"test\",\"annotations\":{";
        StringBuilder b = new StringBuilder(head);
        for (int i = 0; b.length() < chars; i++) {
            b.append(i == 0 ? "" : ",").append("\"note-").append(i).append("\":\"").append("x".repeat(40)).append('"');
        }
        return b.append("}},\"spec\":{\"provider\":\"traefik\",\"targetRef\":{\"apiVersion\":\"apps/v1\",\"kind\":"
                + "\"Deployment\",\"name\":\"podinfo\"},\"service\":{\"port\":80},\"analysis\":{\"interval\":\"30s\","
                + "\"stepWeight\":10}}}").toString();
    }

    static String longWord(int chars) {
        return Fixtures.canary("").replace("namespace: test\n", "namespace: test\n  annotations: {note: "
                + "x".repeat(chars) + "}\n");
    }

    static String longWords(int words, int chars) {
        StringBuilder notes = new StringBuilder();
        for (int i = 0; i < words; i++) {
            notes.append("    note-").append(i).append(": ").append("x".repeat(chars)).append('\n');
        }
        return Fixtures.canary("").replace("namespace: test\n", "namespace: test\n  annotations:\n" + notes);
    }

    static String nested(int depth, int copies) {
        String deep = "[".repeat(depth) + "1" + "]".repeat(depth);
        StringBuilder b = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n");
        for (int i = 0; i < copies; i++) {
            b.append("  k").append(i).append(": ").append(deep).append('\n');
        }
        return b.toString();
    }

    static String aliases(int nodes) {
        StringBuilder b = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: aliases}\n"
                + "base: &base [a, b, c, d, e, f, g, h, i, j]\nrefs:\n");
        for (int i = 0; i < nodes / 11; i++) {
            b.append("  - *base\n");
        }
        return b.toString();
    }
}
