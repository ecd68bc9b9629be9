package org.mhhs.backbone.metering;

import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.registration.api.ResponsibilityView;

/** Only the data service appointed for a metering point on the settlement day submits; the refusal names no other. */
final class OnlyTheAppointedDataServiceMaySubmit {

    static final String RULE = "OnlyTheAppointedDataServiceMaySubmit";

    private OnlyTheAppointedDataServiceMaySubmit() {}

    static void check(ResponsibilityView responsible, ParticipantId submittedBy) {
        if (responsible.dataService().filter(submittedBy::equals).isEmpty()) {
            throw RuleViolation.forbidden(
                    RULE,
                    responsible.mpan() + "/" + responsible.day(),
                    submittedBy + " is not the data service appointed for " + responsible.mpan() + " on "
                            + responsible.day());
        }
    }
}
