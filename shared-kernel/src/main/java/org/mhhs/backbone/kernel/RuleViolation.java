package org.mhhs.backbone.kernel;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A command broke a named market rule. The rule name and the kind travel to the caller, so that a participant
 * learns exactly which rule it broke; nothing is stored when a rule is violated.
 */
public class RuleViolation extends RuntimeException {

    /** How the violation is reported to the caller: each kind maps to one gRPC status. */
    public enum Kind {
        /** The input is malformed or out of range: INVALID_ARGUMENT. */
        INVALID,
        /** The thing to create exists already: ALREADY_EXISTS. */
        ALREADY_EXISTS,
        /** The thing addressed does not exist: NOT_FOUND. */
        NOT_FOUND,
        /** The state of the market does not allow it now: FAILED_PRECONDITION. */
        PRECONDITION,
        /** The caller may not do this: PERMISSION_DENIED. */
        FORBIDDEN,
        /** The caller has used up a quota of things it may keep: RESOURCE_EXHAUSTED. */
        QUOTA
    }

    private final Kind kind;
    private final String rule;
    private final String subject;

    public RuleViolation(Kind kind, String rule, @Nullable String subject, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind);
        this.rule = Objects.requireNonNull(rule);
        this.subject = subject == null ? "" : subject;
    }

    public static RuleViolation invalid(String rule, String field, String message) {
        return new RuleViolation(Kind.INVALID, rule, field, message);
    }

    public static RuleViolation alreadyExists(String rule, String subject, String message) {
        return new RuleViolation(Kind.ALREADY_EXISTS, rule, subject, message);
    }

    public static RuleViolation notFound(String rule, String subject, String message) {
        return new RuleViolation(Kind.NOT_FOUND, rule, subject, message);
    }

    public static RuleViolation precondition(String rule, String subject, String message) {
        return new RuleViolation(Kind.PRECONDITION, rule, subject, message);
    }

    public static RuleViolation quota(String rule, String subject, String message) {
        return new RuleViolation(Kind.QUOTA, rule, subject, message);
    }

    public static RuleViolation forbidden(String rule, String subject, String message) {
        return new RuleViolation(Kind.FORBIDDEN, rule, subject, message);
    }

    public Kind kind() {
        return kind;
    }

    public String rule() {
        return rule;
    }

    /** What the rule is about: the request field for INVALID, otherwise the thing in conflict (may be empty). */
    public String subject() {
        return subject;
    }
}
