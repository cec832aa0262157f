package dev.canary;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 signature of webhook requests, for receivers that want to check the sender. Enabled with
 * {@link CanaryRun.Builder#webhookSigningKey(byte[])}; every attempt of every webhook (all types, event hooks
 * included) then carries two headers:
 *
 * <ul>
 *   <li>{@value #TIMESTAMP_HEADER}: the send time in Unix seconds (from the run's clock);</li>
 *   <li>{@value #SIGNATURE_HEADER}: {@code sha256=<hex>}, the HMAC-SHA256 with the key of the bytes
 *       {@code <timestamp>.<body>} (the timestamp header's value, a dot, and the raw request body).</li>
 * </ul>
 *
 * <p>A receiver recomputes the HMAC over the same bytes, compares in constant time, and rejects timestamps
 * older than a few minutes, so a captured request cannot be replayed later ({@link #verify} does all three).
 * Stateless and thread-safe.
 */
public final class WebhookSignature {
    public static final String SIGNATURE_HEADER = "X-Canary-Signature";
    public static final String TIMESTAMP_HEADER = "X-Canary-Timestamp";
    /** How far a timestamp may be from the receiver's clock in {@link #verify}: 5 minutes. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    /** The shortest key accepted: 16 bytes (use 32 random bytes). */
    public static final int MIN_KEY_BYTES = 16;
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    /** The {@value #SIGNATURE_HEADER} value for {@code body} sent at {@code epochSeconds}. */
    public static String sign(byte[] key, long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(checkKey(key), "HmacSHA256"));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM: " + e, e);
        }
    }

    /**
     * Whether {@code signature} is the signature of {@code body} at {@code timestamp} and the timestamp is within
     * {@code tolerance} of {@code now}. Malformed headers are simply not valid.
     */
    public static boolean verify(byte[] key, String timestamp, String signature, byte[] body, Instant now,
            Duration tolerance) {
        Objects.requireNonNull(signature, "signature == null");
        long seconds;
        try {
            seconds = Long.parseLong(Objects.requireNonNull(timestamp, "timestamp == null").trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(tolerance) > 0) {
            return false;
        }
        byte[] expected = sign(key, seconds, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] checkKey(byte[] key) {
        if (Objects.requireNonNull(key, "key == null").length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a webhook signing key must have at least 16 bytes but had "
                    + key.length + "; use a random key of 32 bytes");
        }
        return key;
    }
}
