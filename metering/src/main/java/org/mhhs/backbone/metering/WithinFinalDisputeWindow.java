package org.mhhs.backbone.metering;

import java.time.LocalDate;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.kernel.RuleViolation;

/** Consumption is submitted for a settlement day at most as many months back as ISD's final dispute window. */
final class WithinFinalDisputeWindow {

    static final String RULE = "WithinFinalDisputeWindow";

    /** Used when ISD sets no final dispute window: the market's final dispute run is some 28 months on. */
    static final int DEFAULT_DISPUTE_WINDOW_MONTHS = 28;

    private WithinFinalDisputeWindow() {}

    static void check(LocalDate day, LocalDate today, IsdQueries isd) {
        int months = isd.findFinalDisputeWindowMonths().orElse(DEFAULT_DISPUTE_WINDOW_MONTHS);
        LocalDate oldest = today.minusMonths(months);
        if (day.isBefore(oldest)) {
            throw RuleViolation.invalid(
                    RULE,
                    "settlement_date",
                    "the settlement day " + day + " is past the final dispute window of " + months
                            + " months (the oldest day open is " + oldest + ")");
        }
    }
}
