package org.mhhs.backbone.kernel;

import org.jspecify.annotations.Nullable;

final class Shown {

    static final int MAX_SHOWN = 40;

    private Shown() {}

    // Values come from untrusted market messages, so they are cut short and control characters escaped before logging.
    static String quoted(@Nullable String value) {
        if (value == null) {
            return "null";
        }
        boolean cut = value.length() > MAX_SHOWN;
        String head = cut ? value.substring(0, value.offsetByCodePoints(0, value.codePointCount(0, MAX_SHOWN))) : value;
        StringBuilder shown = new StringBuilder(head.length() + 24).append('"');
        head.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        shown.append('"');
        if (cut) {
            shown.append("... (").append(value.length()).append(" characters)");
        }
        return shown.toString();
    }

    static String quoted(@Nullable Object value) {
        return value == null ? "null" : quoted(value.toString());
    }
}
