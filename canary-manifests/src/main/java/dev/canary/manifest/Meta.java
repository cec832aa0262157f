package dev.canary.manifest;

import org.jspecify.annotations.Nullable;

/** {@code metadata.name} and {@code metadata.namespace} of a document. */
record Meta(String name, String namespace) {
    static final String DEFAULT_NAMESPACE = "default";

    /** Reads the metadata of {@code root}; null (with problems recorded) when there is no usable name. */
    static @Nullable Meta read(Obj root) {
        Obj metadata = root.object("metadata");
        if (metadata == null) {
            if (!root.has("metadata")) {
                root.doc().error(root.path("metadata"), root.location(), "is required (with a name)");
            }
            return null;
        }
        metadata.check(Fields.METADATA);
        String name = metadata.required("name");
        String namespace = metadata.string("namespace", DEFAULT_NAMESPACE);
        if (name != null && name.isBlank()) {
            root.doc().error(metadata.path("name"), metadata.location(), "must not be empty");
            return null;
        }
        return name == null ? null : new Meta(name, namespace);
    }
}
