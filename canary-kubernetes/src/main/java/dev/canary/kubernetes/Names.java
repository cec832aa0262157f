package dev.canary.kubernetes;

import java.util.Map;

/** Names, labels and annotations this module writes. */
final class Names {
    /** The provider name in errors and the factory name. */
    static final String PROVIDER = "kubernetes";
    /** On the primary Deployment: the revision it runs. */
    static final String REVISION = "canary.dev/revision";
    /** On the target Deployment: its replicas before it was scaled to zero. */
    static final String ORIGINAL_REPLICAS = "canary.dev/original-replicas";
    /** On a pre-existing apex Service: its selector before it was pointed at the primary (JSON). */
    static final String ORIGINAL_SELECTOR = "canary.dev/original-selector";
    /** On the primary's pod template: a checksum of the config data it runs with. */
    static final String CONFIG_CHECKSUM = "canary.dev/config-checksum";
    /** On a ConfigMap or Secret: {@code disabled} keeps it out of revisions and primary copies. */
    static final String CONFIG_TRACKING = "canary.dev/config-tracking";
    /** The label naming the canary a state ConfigMap or Lease belongs to. */
    static final String CANARY = "canary.dev/canary";
    /** On a state ConfigMap: the run's phase when it was stored. */
    static final String STATE_PHASE = "canary.dev/phase";
    /** On a state ConfigMap: the canary weight when it was stored. */
    static final String STATE_WEIGHT = "canary.dev/canary-weight";
    /** On a state ConfigMap: the failed checks counted when it was stored. */
    static final String STATE_FAILED_CHECKS = "canary.dev/failed-checks";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String MANAGER = "canary";
    static final Map<String, String> MANAGED = Map.of(MANAGED_BY, MANAGER);

    private Names() {
    }

    /** {@code name-primary}. */
    static String primary(String name) {
        return name + "-primary";
    }
}
