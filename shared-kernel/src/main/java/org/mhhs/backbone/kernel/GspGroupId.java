package org.mhhs.backbone.kernel;

import java.util.List;

// One of the 14 Grid Supply Point groups into which GB settlement divides the distribution networks.
public record GspGroupId(String value) implements Comparable<GspGroupId> {

    private static final List<String> IDS =
            List.of("_A", "_B", "_C", "_D", "_E", "_F", "_G", "_H", "_J", "_K", "_L", "_M", "_N", "_P");

    private static final List<GspGroupId> ALL =
            IDS.stream().map(GspGroupId::new).toList();

    public GspGroupId {
        if (value == null || !IDS.contains(value)) {
            throw new InvalidValueException(
                    "GspGroupIdUnknown",
                    "GSP group id must be one of " + String.join(" ", IDS) + " but was " + Shown.quoted(value));
        }
    }

    public static GspGroupId of(String value) {
        return new GspGroupId(value);
    }

    public static List<GspGroupId> all() {
        return ALL;
    }

    @Override
    public int compareTo(GspGroupId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
