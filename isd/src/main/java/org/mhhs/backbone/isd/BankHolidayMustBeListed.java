package org.mhhs.backbone.isd;

import java.time.LocalDate;
import java.util.Set;
import org.mhhs.backbone.kernel.RuleViolation;

/** Only a listed bank holiday can be removed from the calendar. */
final class BankHolidayMustBeListed {

    static final String RULE = "BankHolidayMustBeListed";

    private BankHolidayMustBeListed() {}

    static void check(LocalDate date, Set<LocalDate> listed) {
        if (!listed.contains(date)) {
            throw RuleViolation.notFound(RULE, date.toString(), date + " is not a bank holiday");
        }
    }
}
