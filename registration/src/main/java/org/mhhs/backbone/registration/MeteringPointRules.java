package org.mhhs.backbone.registration;

import java.time.LocalDate;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;

/** Rules of the metering point itself. */
final class MeteringPointRules {

    static final String GSP_GROUP_REGISTERED = "GspGroupMustBeRegistered";
    static final String NOT_BEFORE_REGISTRATION = "NotBeforeMeteringPointRegistration";
    static final String ONLY_ITS_REGISTRATION_SERVICE = "OnlyItsRegistrationServiceMayChangeIt";
    static final String REGISTRATION_SERVICE_ROLE = "RegistrationServiceMustHoldRole";
    static final String DETAILS_IN_ORDER = "DetailsChangesInOrder";
    static final String SOMETHING_TO_CHANGE = "DetailsChangeMustChangeSomething";

    private MeteringPointRules() {}

    static void gspGroupRegistered(GspGroupId gspGroup, IsdQueries isd) {
        if (isd.findGspGroup(gspGroup).isEmpty()) {
            throw RuleViolation.precondition(
                    GSP_GROUP_REGISTERED, gspGroup.value(), "GSP group " + gspGroup + " has no DNO registered in ISD");
        }
    }

    static void registrationServiceHoldsRole(ParticipantId service, LocalDate day, IsdQueries isd) {
        if (!isd.holdsRole(service, MarketRole.REGISTRATION_SERVICE, day)) {
            throw RuleViolation.forbidden(
                    REGISTRATION_SERVICE_ROLE,
                    service.value(),
                    service + " does not hold REGISTRATION_SERVICE on " + day);
        }
    }

    static void notBeforeRegistration(Mpan mpan, LocalDate registeredFrom, LocalDate day, String what) {
        if (day.isBefore(registeredFrom)) {
            throw RuleViolation.precondition(
                    NOT_BEFORE_REGISTRATION,
                    mpan + "/" + registeredFrom,
                    what + " from " + day + " is before " + mpan + " was registered (" + registeredFrom + ")");
        }
    }

    static void onlyItsRegistrationService(Mpan mpan, ParticipantId registrationService, ParticipantId caller) {
        if (!registrationService.equals(caller)) {
            throw RuleViolation.forbidden(
                    ONLY_ITS_REGISTRATION_SERVICE,
                    mpan.value(),
                    caller + " is not the registration service of " + mpan + " (" + registrationService + " is)");
        }
    }

    static void detailsInOrder(Mpan mpan, LocalDate latestChange, LocalDate day) {
        if (!day.isAfter(latestChange)) {
            throw RuleViolation.precondition(
                    DETAILS_IN_ORDER,
                    mpan + "/" + latestChange,
                    "the details of " + mpan + " already change on " + latestChange
                            + "; a further change must be effective after that day, not " + day);
        }
    }
}
