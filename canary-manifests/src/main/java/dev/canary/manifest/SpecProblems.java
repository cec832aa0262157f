package dev.canary.manifest;

import dev.canary.spec.InvalidSpecException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reports a spec's validation problems in manifest terms: the manifest path, with its line and column. */
final class SpecProblems {
    /** The field a {@code SpecValidator} problem starts with. */
    private static final Pattern FIELD = Pattern.compile("^(namespace|name|targetRef\\.name|service\\.\\w+"
            + "|progressDeadline|analysis(?:\\.\\w+|\\[\\d+\\])*)(?=\\s|$)");
    private static final Pattern ANALYSIS_MENTION = Pattern.compile("\\banalysis\\.");

    private SpecProblems() {
    }

    static void report(InvalidSpecException e, Obj root, String analysisKey) {
        Doc doc = root.doc();
        for (String problem : e.problems()) {
            Matcher m = FIELD.matcher(problem);
            if (!m.find()) {
                doc.error(root.path("spec"), doc.locate(root.path("spec")), problem);
                continue;
            }
            String path = root.path(manifestPath(m.group(1), analysisKey));
            String rest = ANALYSIS_MENTION.matcher(problem.substring(m.end()).strip())
                    .replaceAll("spec." + analysisKey + ".");
            doc.error(path, doc.locate(path), rest);
        }
    }

    static String manifestPath(String specField, String analysisKey) {
        return switch (specField) {
            case "name", "namespace" -> "metadata." + specField;
            case "progressDeadline" -> "spec.progressDeadlineSeconds";
            default -> specField.startsWith("analysis")
                    ? "spec." + analysisKey + specField.substring("analysis".length())
                    : "spec." + specField;
        };
    }
}
