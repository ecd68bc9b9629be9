package org.mhhs.backbone.registration;

import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.RuleViolation;

/** A metering point lies in a GSP group that ISD knows, one with a DNO registered. */
final class GspGroupMustBeRegistered {

    static final String RULE = "GspGroupMustBeRegistered";

    private GspGroupMustBeRegistered() {}

    static void check(GspGroupId gspGroup, IsdQueries isd) {
        if (isd.findGspGroup(gspGroup).isEmpty()) {
            throw RuleViolation.precondition(
                    RULE, gspGroup.value(), "GSP group " + gspGroup + " has no DNO registered in ISD");
        }
    }
}
