package dev.canary.prometheus;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What to ask Prometheus for one check: the value query and, for builtin checks, the request-count query
 * behind {@code samples}; or, when no query could be built, why.
 */
record CheckPlan(@Nullable Endpoint endpoint, String valueQuery, @Nullable String samplesQuery,
        @Nullable String problem) {

    static CheckPlan of(Endpoint endpoint, String valueQuery, @Nullable String samplesQuery) {
        return new CheckPlan(endpoint, valueQuery, samplesQuery, null);
    }

    static CheckPlan failed(String problem, String source) {
        return new CheckPlan(null, source, null, problem);
    }

    /** The PromQL queries this plan sends, in order: value, then samples. */
    List<String> queries() {
        List<String> out = new ArrayList<>(2);
        if (problem == null) {
            out.add(valueQuery);
            if (samplesQuery != null) {
                out.add(samplesQuery);
            }
        }
        return out;
    }
}
