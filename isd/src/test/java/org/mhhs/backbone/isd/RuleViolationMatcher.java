package org.mhhs.backbone.isd;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;
import org.mhhs.backbone.kernel.RuleViolation;

/** Matches the exception a command handler threw by the rule it names and how it is reported, not by its wording. */
final class RuleViolationMatcher extends TypeSafeDiagnosingMatcher<Throwable> {

    private final String rule;
    private final RuleViolation.Kind kind;

    private RuleViolationMatcher(String rule, RuleViolation.Kind kind) {
        this.rule = rule;
        this.kind = kind;
    }

    static Matcher<Throwable> aViolationOf(String rule, RuleViolation.Kind kind) {
        return new RuleViolationMatcher(rule, kind);
    }

    @Override
    protected boolean matchesSafely(Throwable thrown, Description mismatch) {
        if (!(thrown instanceof RuleViolation violation)) {
            mismatch.appendText("was ").appendValue(thrown);
            return false;
        }
        if (!violation.rule().equals(rule) || violation.kind() != kind) {
            mismatch.appendText("was a " + violation.kind() + " violation of " + violation.rule() + ": ")
                    .appendValue(violation.getMessage());
            return false;
        }
        return true;
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a " + kind + " violation of " + rule);
    }
}
