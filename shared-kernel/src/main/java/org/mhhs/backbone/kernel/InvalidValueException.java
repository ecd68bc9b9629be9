package org.mhhs.backbone.kernel;

import java.util.Objects;

// The rule name lets callers map a rejected value to a market rejection code without parsing the message.
public class InvalidValueException extends IllegalArgumentException {

    private final String rule;

    public InvalidValueException(String rule, String message) {
        super(message);
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    public InvalidValueException(String rule, String message, Throwable cause) {
        super(message, cause);
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    public String rule() {
        return rule;
    }
}
