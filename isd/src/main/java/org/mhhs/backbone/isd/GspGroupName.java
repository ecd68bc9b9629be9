package org.mhhs.backbone.isd;

import org.mhhs.backbone.kernel.RuleViolation;

/** A GSP group's name: 1 to 100 characters, not blank. */
final class GspGroupName {

    static final String RULE = "GspGroupName";

    private GspGroupName() {}

    static void check(String name) {
        if (name == null || name.isBlank()) {
            throw RuleViolation.invalid(RULE, "name", "the name must not be blank");
        }
        if (name.strip().length() > 100) {
            throw RuleViolation.invalid(
                    RULE, "name", "the name has " + name.strip().length() + " characters; at most 100 are allowed");
        }
    }
}
