package org.mhhs.backbone.grpc;

import org.mhhs.backbone.isd.api.GspGroupView;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.registration.api.DetailsView;
import org.mhhs.backbone.registration.api.RegistrationQueries;
import org.springframework.stereotype.Component;

/**
 * Who supplies a metering point is commercially sensitive: a participant reads the registration of an MPAN only if
 * it is or was involved with it, or is the DNO of one of its GSP groups. Market-wide roles read everything. A
 * participant learns nothing about MPANs foreign to it, not even whether they exist.
 */
@Component
public class MeteringPointReadAccess {

    public static final String RULE = "NotInvolvedWithMeteringPoint";

    private final IsdQueries isd;
    private final RegistrationQueries registration;
    private final CallerRoles roles;

    MeteringPointReadAccess(IsdQueries isd, RegistrationQueries registration, CallerRoles roles) {
        this.isd = isd;
        this.registration = registration;
        this.roles = roles;
    }

    public boolean readsEverything(ParticipantId caller) {
        return roles.holdsAnyToday(caller, MarketRole.OPERATOR, MarketRole.AUDITOR, MarketRole.CENTRAL_SETTLEMENT);
    }

    public void check(ParticipantId caller, Mpan mpan) {
        if (readsEverything(caller) || registration.isInvolved(mpan, caller) || isDnoOf(caller, mpan)) {
            return;
        }
        throw RuleViolation.forbidden(RULE, mpan.value(), caller + " is not involved with metering point " + mpan);
    }

    private boolean isDnoOf(ParticipantId caller, Mpan mpan) {
        return registration.findMeteringPoint(mpan).stream()
                .flatMap(point -> point.details().stream())
                .map(DetailsView::gspGroupId)
                .distinct()
                .flatMap(group -> isd.findGspGroup(group).stream())
                .map(GspGroupView::dnoId)
                .anyMatch(caller::equals);
    }
}
