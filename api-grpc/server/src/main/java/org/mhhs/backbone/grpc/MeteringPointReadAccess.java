package org.mhhs.backbone.grpc;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import org.mhhs.backbone.isd.api.GspGroupView;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.kernel.SettlementDate;
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
    private static final Set<MarketRole> MARKET_WIDE =
            EnumSet.of(MarketRole.OPERATOR, MarketRole.AUDITOR, MarketRole.CENTRAL_SETTLEMENT);

    private final IsdQueries isd;
    private final RegistrationQueries registration;
    private final Clock clock;

    MeteringPointReadAccess(IsdQueries isd, RegistrationQueries registration, Clock clock) {
        this.isd = isd;
        this.registration = registration;
        this.clock = clock;
    }

    public boolean readsEverything(ParticipantId caller) {
        Set<MarketRole> held =
                isd.findRolesAsAt(caller, SettlementDate.today(clock).date());
        return held.stream().anyMatch(MARKET_WIDE::contains);
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
