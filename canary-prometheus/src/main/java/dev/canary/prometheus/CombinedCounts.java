package dev.canary.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The count queries of one check as one PromQL query, and its answer split back into the answers of each. Prometheus
 * evaluates one query against one view of its storage (a scrape is stored whole or not at all for it), so requests,
 * failures and buckets read together always come from the same scrapes; separate queries at the same evaluation time
 * do not, when a scrape is stored between them.
 *
 * <p>Each part is aggregated ({@code sum(...)} for requests and failures, {@code sum by (le) (...)} for the buckets,
 * unless it already is exactly that), so its series carry no label but {@code le}, and tagged with the label
 * {@value #LABEL} by {@code label_replace}; {@code or} keeps every series, as no two parts share a label set:
 *
 * <pre>
 * label_replace(sum(R), "canary_count", "requests", "", "")
 *   or label_replace(sum(F), "canary_count", "failures", "", "")
 *   or label_replace(sum by (le) (B), "canary_count", "buckets", "", "")
 * </pre>
 *
 * Stateless.
 */
final class CombinedCounts {
    /** The label that says which part a series of the combined answer belongs to. */
    static final String LABEL = "canary_count";
    static final List<String> PARTS = List.of("requests", "failures", "buckets");

    private static final Pattern SUM = Pattern.compile("sum\\s*\\(");
    private static final Pattern SUM_BY_LE = Pattern.compile("sum\\s+by\\s*\\(\\s*le\\s*\\)\\s*\\(");

    private CombinedCounts() {
    }

    /** The one query for {@code queries}: requests, failures and, when given, buckets. */
    static String query(List<String> queries) {
        List<String> parts = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            String q = queries.get(i).strip();
            String aggregated = i < 2 ? aggregated(q, SUM, "sum(") : aggregated(q, SUM_BY_LE, "sum by (le) (");
            parts.add("label_replace(" + aggregated + ", \"" + LABEL + "\", \"" + PARTS.get(i) + "\", \"\", \"\")");
        }
        return String.join(" or ", parts);
    }

    /**
     * The answer of {@link #query} split into one vector per part, without the {@value #LABEL} label: a part that
     * matched nothing is an empty vector, as its own query would have answered.
     *
     * @throws IllegalArgumentException when the answer is not a vector of tagged series
     */
    static List<QueryResult.Vector> split(QueryResult answer, int parts) {
        if (!(answer instanceof QueryResult.Vector vector)) {
            throw new IllegalArgumentException("the combined count query answered a "
                    + answer.getClass().getSimpleName() + " where a vector was expected");
        }
        List<List<QueryResult.VectorSample>> split = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            split.add(new ArrayList<>());
        }
        for (QueryResult.VectorSample s : vector.samples()) {
            int part = PARTS.indexOf(s.labels().getOrDefault(LABEL, ""));
            if (part < 0 || part >= parts) {
                throw new IllegalArgumentException("the combined count query answered a series without a "
                        + LABEL + " label of this query: " + s.labelText());
            }
            Map<String, String> labels = new TreeMap<>(s.labels());
            labels.remove(LABEL);
            split.get(part).add(new QueryResult.VectorSample(labels, s.sample()));
        }
        return split.stream().map(samples -> new QueryResult.Vector(samples, vector.warnings())).toList();
    }

    /** {@code q} when it is one call of the aggregation {@code head} opens, else {@code q} inside {@code open}. */
    private static String aggregated(String q, Pattern head, String open) {
        var m = head.matcher(q);
        if (m.lookingAt() && closes(q, m.end() - 1) == q.length() - 1) {
            return q;
        }
        // a comment at the end of q would hide the closing parenthesis on the same line
        return open + q + (q.indexOf('#') >= 0 ? "\n)" : ")");
    }

    /**
     * The index of the parenthesis that closes the one at {@code open}, skipping string literals; -1 when there is
     * none or {@code q} has a comment (which this does not read).
     */
    private static int closes(String q, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < q.length(); i++) {
            char c = q.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote != '`') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                quote = c;
            } else if (c == '#') {
                return -1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
