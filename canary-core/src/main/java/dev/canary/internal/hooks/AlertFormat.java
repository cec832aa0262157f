package dev.canary.internal.hooks;

import dev.canary.Alert;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON message of each chat service for an {@link Alert}. Stateless. */
public enum AlertFormat {
    SLACK("slack"),
    TEAMS("teams"),
    DISCORD("discord"),
    GOOGLE_CHAT("googlechat"),
    GENERIC("webhook");

    public static final String DEFAULT_CHANNEL = "general";
    public static final String DEFAULT_USERNAME = "canary";

    private final String label;

    AlertFormat(String label) {
        this.label = label;
    }

    /** The short name used in {@code toString()} and logs. */
    public String label() {
        return label;
    }

    /** Where the message is POSTed: Discord's Slack-compatible endpoint ends with {@code /slack}. */
    URI endpoint(URI url) {
        if (this != DISCORD || url.getRawPath() == null || url.getRawPath().endsWith("/slack")) {
            return url;
        }
        String s = url.toString();
        int query = s.indexOf('?');
        return URI.create(query < 0 ? s + "/slack" : s.substring(0, query) + "/slack" + s.substring(query));
    }

    Map<String, Object> payload(Alert alert, String channel, String username) {
        return switch (this) {
            case SLACK, DISCORD -> slack(alert, channel, username);
            case TEAMS -> teams(alert);
            case GOOGLE_CHAT -> googleChat(alert);
            case GENERIC -> generic(alert);
        };
    }

    private static Map<String, Object> slack(Alert alert, String channel, String username) {
        List<Map<String, Object>> fields = new ArrayList<>();
        alert.fields().forEach((k, v) -> fields.add(Map.of("title", k, "value", v, "short", true)));
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("color", switch (alert.severity()) {
            case INFO -> "good";
            case WARN -> "warning";
            case ERROR -> "danger";
        });
        attachment.put("author_name", alert.canary());
        attachment.put("title", alert.title());
        attachment.put("text", alert.message());
        attachment.put("fields", fields);
        attachment.put("ts", alert.at().getEpochSecond());
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("channel", channel);
        message.put("username", username);
        message.put("attachments", List.of(attachment));
        return message;
    }

    private static Map<String, Object> teams(Alert alert) {
        List<Map<String, Object>> facts = new ArrayList<>();
        alert.fields().forEach((k, v) -> facts.add(Map.of("name", k, "value", v)));
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("activityTitle", alert.title());
        section.put("activitySubtitle", alert.canary());
        section.put("text", alert.message());
        section.put("facts", facts);
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("@type", "MessageCard");
        card.put("@context", "https://schema.org/extensions");
        card.put("themeColor", switch (alert.severity()) {
            case INFO -> "0076D7";
            case WARN -> "FFA500";
            case ERROR -> "FF0000";
        });
        card.put("summary", alert.canary() + ": " + alert.title());
        card.put("sections", List.of(section));
        return card;
    }

    private static Map<String, Object> googleChat(Alert alert) {
        List<Map<String, Object>> widgets = new ArrayList<>();
        widgets.add(Map.of("textParagraph", Map.of("text", alert.message())));
        alert.fields().forEach((k, v) -> widgets.add(Map.of("decoratedText", Map.of("topLabel", k, "text", v))));
        Map<String, Object> card = Map.of(
                "header", Map.of("title", alert.title(), "subtitle", alert.canary() + " (" + level(alert) + ")"),
                "sections", List.of(Map.of("widgets", widgets)));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", alert.canary() + ": " + alert.title());
        message.put("cardsV2", List.of(Map.of("cardId", "canary-alert", "card", card)));
        return message;
    }

    private static Map<String, Object> generic(Alert alert) {
        int slash = alert.canary().indexOf('/');
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("canary", alert.canary());
        message.put("namespace", slash < 0 ? "" : alert.canary().substring(0, slash));
        message.put("name", alert.canary().substring(slash + 1));
        message.put("severity", level(alert));
        message.put("title", alert.title());
        message.put("message", alert.message());
        message.put("at", alert.at().toString());
        message.put("fields", alert.fields());
        return message;
    }

    private static String level(Alert alert) {
        return alert.severity().name().toLowerCase(Locale.ROOT);
    }
}
