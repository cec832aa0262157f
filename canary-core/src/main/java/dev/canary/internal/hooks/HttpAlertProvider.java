package dev.canary.internal.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canary.Alert;
import dev.canary.AlertProvider;
import dev.canary.spec.Redaction;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * POSTs an alert as JSON in one chat service's format (5 s timeout, success on 2xx). The URL is shown masked
 * everywhere; the token is never shown. Thread-safe.
 */
public final class HttpAlertProvider implements AlertProvider {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AlertFormat format;
    private final URI endpoint;
    private final String shown;
    private final String channel;
    private final String username;
    private final @Nullable String token;
    private final OkHttpClient http;

    public HttpAlertProvider(AlertFormat format, URI url, String channel, String username, @Nullable String token) {
        this.format = Objects.requireNonNull(format, "format == null");
        Objects.requireNonNull(url, "url == null");
        String problem = dev.canary.spec.HttpUrls.problem(url);
        if (problem != null) {
            throw new IllegalArgumentException(format.label() + " alert provider URL " + problem + " but was "
                    + Redaction.secretUrl(url));
        }
        this.endpoint = format.endpoint(url);
        this.shown = Redaction.secretUrl(endpoint);
        this.channel = Objects.requireNonNull(channel, "channel == null");
        this.username = Objects.requireNonNull(username, "username == null");
        this.token = token;
        this.http = HttpClients.shared().newBuilder().callTimeout(HttpClients.ALERT_TIMEOUT).build();
    }

    @Override
    public void send(Alert alert) throws IOException {
        byte[] body = MAPPER.writeValueAsBytes(format.payload(alert, channel, username));
        Request.Builder request = new Request.Builder().url(endpoint.toString()).post(RequestBody.create(body, JSON));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        int code;
        String quoted;
        try (Response response = http.newCall(request.build()).execute()) {
            code = response.code();
            quoted = response.isSuccessful() ? "" : Bodies.quote(response);
        } catch (IOException e) {
            throw new IOException(this + " could not be reached: " + scrub(e.toString()));
        }
        if (code < 200 || code > 299) {
            throw new IOException(this + " answered HTTP " + code + scrub(quoted));
        }
    }

    private String scrub(String text) {
        String scrubbed = Redaction.scrub(text, endpoint, shown);
        return token == null ? scrubbed : scrubbed.replace(token, Redaction.MASK);
    }

    @Override
    public String toString() {
        return format.label() + "(" + shown + ")";
    }
}
