package org.mhhs.backbone.registration;

import java.time.LocalDate;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;

/** Only a participant holding the SUPPLIER role on the day it takes over becomes a metering point's supplier. */
final class SupplierMustHoldRole {

    static final String RULE = "SupplierMustHoldRole";

    private SupplierMustHoldRole() {}

    static void check(ParticipantId supplier, LocalDate from, IsdQueries isd) {
        if (!isd.holdsRole(supplier, MarketRole.SUPPLIER, from)) {
            throw RuleViolation.forbidden(
                    RULE, supplier.value(), supplier + " does not hold the SUPPLIER role on " + from);
        }
    }
}
