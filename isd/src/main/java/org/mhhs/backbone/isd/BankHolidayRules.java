package org.mhhs.backbone.isd;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;
import org.mhhs.backbone.kernel.RuleViolation;

/** Bank holidays are weekdays (a holiday falling on a weekend is replaced by a substitute weekday), listed once. */
final class BankHolidayRules {

    static final String ON_WEEKDAY = "BankHolidayOnWeekday";
    static final String LISTED_ONCE = "BankHolidayListedOnce";
    static final String MUST_BE_LISTED = "BankHolidayMustBeListed";
    static final String NAME = "BankHolidayName";

    private BankHolidayRules() {}

    static void checkAddable(LocalDate date, String name, Set<LocalDate> listed) {
        if (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            throw RuleViolation.invalid(
                    ON_WEEKDAY,
                    "date",
                    date + " is a " + date.getDayOfWeek() + "; list the substitute weekday instead");
        }
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw RuleViolation.invalid(NAME, "name", "the name must have 1 to 100 characters");
        }
        if (listed.contains(date)) {
            throw RuleViolation.alreadyExists(LISTED_ONCE, date.toString(), date + " is already a bank holiday");
        }
    }

    static void checkListed(LocalDate date, Set<LocalDate> listed) {
        if (!listed.contains(date)) {
            throw RuleViolation.notFound(MUST_BE_LISTED, date.toString(), date + " is not a bank holiday");
        }
    }
}
