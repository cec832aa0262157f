package dev.canary.prometheus;

/** A seed-like Canary manifest with one metric check answered by a MetricTemplate in the same input. */
final class TemplateManifest {
    private TemplateManifest() {
    }

    /** The canary {@code demo-canary/podinfo} with the check {@code errors} on template {@code errors}. */
    static String withTemplate(String query) {
        return """
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata: {name: podinfo, namespace: demo-canary}
                spec:
                  provider: traefik
                  targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
                  service: {port: 80}
                  analysis:
                    interval: 10s
                    threshold: 5
                    maxWeight: 50
                    stepWeight: 10
                    metrics:
                      - name: errors
                        templateRef: {name: errors}
                        thresholdRange: {max: 1}
                ---
                apiVersion: flagger.app/v1beta1
                kind: MetricTemplate
                metadata: {name: errors, namespace: demo-canary}
                spec:
                  provider: {type: prometheus}
                  query: '%s'
                """.formatted(query.replace("'", "''"));
    }
}
