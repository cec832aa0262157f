package dev.canary;

import dev.canary.internal.hooks.AlertFormat;
import dev.canary.internal.hooks.HttpAlertProvider;
import dev.canary.internal.hooks.PrintingAlertProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.Objects;

/**
 * Where alerts go: a chat webhook, a generic JSON receiver, a stream, or your own implementation. Register one
 * with {@link CanaryRun.Builder#alertProvider(String, AlertProvider)} under the name a spec's
 * {@link dev.canary.spec.AlertSpec#providerRef()} refers to.
 *
 * <pre>{@code
 * CanaryRun.builder()...
 *     .alertProvider("on-call", AlertProvider.slack(URI.create(slackUrl), "releases", "canary"))
 * }</pre>
 *
 * <p>{@link #send} is called on a background thread, one alert at a time per run, never on the tick; a failure
 * is logged and the alert dropped. The HTTP providers POST JSON with a 5 second timeout, succeed on 2xx, and
 * show their URL with the secret part masked ({@code https://hooks.slack.com/services/***}) in
 * {@code toString()}, logs and errors. Implementations must be thread-safe.
 */
public interface AlertProvider {

    /** Delivers one alert; throws when it could not be delivered (the caller logs it). */
    void send(Alert alert) throws IOException;

    /** Slack incoming webhook: an attachment colored by severity; channel and username as given. */
    static AlertProvider slack(URI webhookUrl, String channel, String username) {
        return new HttpAlertProvider(AlertFormat.SLACK, webhookUrl, channel, username, null);
    }

    /** Slack incoming webhook with channel {@code general} and username {@code canary}. */
    static AlertProvider slack(URI webhookUrl) {
        return slack(webhookUrl, AlertFormat.DEFAULT_CHANNEL, AlertFormat.DEFAULT_USERNAME);
    }

    /** Microsoft Teams incoming webhook: a MessageCard themed by severity. */
    static AlertProvider teams(URI webhookUrl) {
        return new HttpAlertProvider(AlertFormat.TEAMS, webhookUrl, "", "", null);
    }

    /**
     * Discord webhook through its Slack-compatible endpoint ({@code /slack} is appended to the URL unless it
     * already ends with it); the message is the Slack one.
     */
    static AlertProvider discord(URI webhookUrl, String username) {
        return new HttpAlertProvider(AlertFormat.DISCORD, webhookUrl, AlertFormat.DEFAULT_CHANNEL, username, null);
    }

    /** Google Chat incoming webhook: a card with the title, the message and the fields. */
    static AlertProvider googleChat(URI webhookUrl) {
        return new HttpAlertProvider(AlertFormat.GOOGLE_CHAT, webhookUrl, "", "", null);
    }

    /**
     * A generic JSON receiver: {@code {"canary", "name", "namespace", "severity", "title", "message", "at",
     * "fields"}}.
     */
    static AlertProvider webhook(URI url) {
        return new HttpAlertProvider(AlertFormat.GENERIC, url, "", "", null);
    }

    /** A generic JSON receiver that expects {@code Authorization: Bearer <token>} (the token is never logged). */
    static AlertProvider webhook(URI url, String bearerToken) {
        Objects.requireNonNull(bearerToken, "bearerToken == null");
        return new HttpAlertProvider(AlertFormat.GENERIC, url, "", "", bearerToken);
    }

    /** Writes one line per alert ({@link Alert#line()} prefixed with {@code ALERT }) to {@code out}. */
    static AlertProvider printing(PrintStream out) {
        return new PrintingAlertProvider(out);
    }
}
