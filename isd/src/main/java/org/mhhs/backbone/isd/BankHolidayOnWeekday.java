package org.mhhs.backbone.isd;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.mhhs.backbone.kernel.RuleViolation;

/** A bank holiday is a weekday: a holiday falling on a weekend is listed as its substitute weekday instead. */
final class BankHolidayOnWeekday {

    static final String RULE = "BankHolidayOnWeekday";

    private BankHolidayOnWeekday() {}

    static void check(LocalDate date) {
        if (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            throw RuleViolation.invalid(
                    RULE, "date", date + " is a " + date.getDayOfWeek() + "; list the substitute weekday instead");
        }
    }
}
