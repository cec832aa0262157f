package dev.canary.kubernetes;

import dev.canary.spec.HookType;
import dev.canary.spi.RemoteCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command annotations of a state ConfigMap, as {@code kubectl annotate} or {@code canary abort} write them:
 * {@code canary.dev/abort: <reason>}, {@code canary.dev/promote: <reason>},
 * {@code canary.dev/approve: <hook type>[,<hook type>...]} and {@code canary.dev/deny: <hook type>[: <reason>]}.
 * Stateless.
 */
final class ConfigMapCommands {
    static final String ABORT = "canary.dev/abort";
    static final String PROMOTE = "canary.dev/promote";
    static final String APPROVE = "canary.dev/approve";
    static final String DENY = "canary.dev/deny";
    static final List<String> KEYS = List.of(ABORT, PROMOTE, APPROVE, DENY);
    private static final Logger logger = LoggerFactory.getLogger(ConfigMapCommands.class);

    private ConfigMapCommands() {
    }

    /** The commands in {@code annotations}; malformed ones are logged at WARN and dropped. */
    static List<RemoteCommand> parse(String configMap, Map<String, String> annotations) {
        List<RemoteCommand> commands = new ArrayList<>();
        String abort = annotations.get(ABORT);
        if (abort != null) {
            commands.add(new RemoteCommand(RemoteCommand.Kind.ABORT, null, abort.strip()));
        }
        String promote = annotations.get(PROMOTE);
        if (promote != null) {
            commands.add(new RemoteCommand(RemoteCommand.Kind.PROMOTE, null, promote.strip()));
        }
        String approve = annotations.get(APPROVE);
        if (approve != null) {
            Arrays.stream(approve.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(type ->
                    gate(configMap, APPROVE, type).ifPresent(g -> commands.add(new RemoteCommand(
                            RemoteCommand.Kind.APPROVE, g, ""))));
        }
        String deny = annotations.get(DENY);
        if (deny != null) {
            int colon = deny.indexOf(':');
            String type = (colon < 0 ? deny : deny.substring(0, colon)).strip();
            String reason = colon < 0 ? "" : deny.substring(colon + 1).strip();
            gate(configMap, DENY, type).ifPresent(g -> commands.add(new RemoteCommand(RemoteCommand.Kind.DENY, g,
                    reason)));
        }
        return commands;
    }

    /** The annotation that gives {@code command}, merged with what {@code annotations} already asks. */
    static Map<String, String> annotation(RemoteCommand command, Map<String, String> annotations) {
        Map<String, String> out = new LinkedHashMap<>();
        switch (command.kind()) {
            case ABORT -> out.put(ABORT, command.reason());
            case PROMOTE -> out.put(PROMOTE, command.reason());
            case APPROVE -> {
                String before = annotations.get(APPROVE);
                String type = command.gate().wireName();
                out.put(APPROVE, before == null || before.isBlank() ? type : before + "," + type);
            }
            case DENY -> out.put(DENY, command.gate().wireName()
                    + (command.reason().isEmpty() ? "" : ": " + command.reason()));
        }
        return out;
    }

    private static java.util.Optional<HookType> gate(String configMap, String key, String wireName) {
        for (HookType type : HookType.values()) {
            if (type.wireName().equals(wireName)) {
                return java.util.Optional.of(type);
            }
        }
        logger.warn("configmap {}: annotation {} names no hook type '{}' (expected one of {}); ignored",
                dev.canary.spec.Redaction.oneLine(configMap),
                dev.canary.spec.Redaction.oneLine(key), dev.canary.spec.Redaction.oneLine(wireName),
                Arrays.stream(HookType.values()).map(HookType::wireName).toList());
        return java.util.Optional.empty();
    }
}
