package io.arus.core.gitops.internal;

import java.util.List;

/** The four kinds of object a document holds, in the order a document lists them and an apply creates them. */
public enum Kind {
    SOURCE("sources", "source"),
    DESTINATION("destinations", "destination"),
    NOTIFICATION_TARGET("notification_targets", "notification_target"),
    PIPELINE("pipelines", "pipeline");

    /** The kinds in creation order (connections and targets before the pipelines that name them). */
    public static final List<Kind> ALL = List.of(values());

    private final String section;
    private final String id;

    Kind(String section, String id) {
        this.section = section;
        this.id = id;
    }

    /** @return the document's top-level key, e.g. {@code notification_targets} */
    public String section() {
        return section;
    }

    /** @return the kind as a plan names it, e.g. {@code notification_target} */
    public String id() {
        return id;
    }

    /** @return the kind named by a top-level key, or null */
    public static Kind ofSection(String section) {
        for (Kind kind : values()) {
            if (kind.section.equals(section)) {
                return kind;
            }
        }
        return null;
    }
}
