package org.mhhs.backbone.isd;

import org.mhhs.backbone.kernel.RuleViolation;

/** A participant's name is what operators and participants read: 1 to 100 characters, not blank. */
final class ParticipantName {

    static final String RULE = "ParticipantName";
    static final int MAX_LENGTH = 100;

    private ParticipantName() {}

    static void check(String name) {
        if (name == null || name.isBlank()) {
            throw RuleViolation.invalid(RULE, "name", "the name must not be blank");
        }
        if (name.strip().length() > MAX_LENGTH) {
            throw RuleViolation.invalid(
                    RULE,
                    "name",
                    "the name has " + name.strip().length() + " characters; at most " + MAX_LENGTH + " are allowed");
        }
    }
}
