package org.mhhs.backbone.kernel.testing;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;
import org.mhhs.backbone.kernel.RuleViolation;

/**
 * Matches the exception a command handler threw by the rule it names, how it is reported and, when asked, what it
 * is about; not by its wording.
 */
public final class RuleViolationMatcher extends TypeSafeDiagnosingMatcher<Throwable> {

    private final String rule;
    private final RuleViolation.Kind kind;
    private final Matcher<String> subject;

    private RuleViolationMatcher(String rule, RuleViolation.Kind kind, Matcher<String> subject) {
        this.rule = rule;
        this.kind = kind;
        this.subject = subject;
    }

    public static RuleViolationMatcher aViolationOf(String rule, RuleViolation.Kind kind) {
        return new RuleViolationMatcher(rule, kind, null);
    }

    public RuleViolationMatcher about(Matcher<String> expectedSubject) {
        return new RuleViolationMatcher(rule, kind, expectedSubject);
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
        if (subject != null && !subject.matches(violation.subject())) {
            mismatch.appendText("was about ").appendValue(violation.subject());
            return false;
        }
        return true;
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a " + kind + " violation of " + rule);
        if (subject != null) {
            description.appendText(" about ").appendDescriptionOf(subject);
        }
    }
}
