package org.mhhs.backbone.grpc;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.isd.api.RolePeriodView;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.SettlementDate;
import org.springframework.stereotype.Component;

/** The roles a caller holds, today or over time, for the adapters that decide what a caller may read. */
@Component
public class CallerRoles {

    private final IsdQueries isd;
    private final Clock clock;

    CallerRoles(IsdQueries isd, Clock clock) {
        this.isd = isd;
        this.clock = clock;
    }

    /** The roles the participant holds today (Europe/London, by the hub's clock). */
    public Set<MarketRole> heldToday(ParticipantId participant) {
        return isd.findRolesAsAt(participant, SettlementDate.today(clock).date());
    }

    /** Whether the participant holds any of the roles today. */
    public boolean holdsAnyToday(ParticipantId participant, MarketRole... roles) {
        Set<MarketRole> held = heldToday(participant);
        return Arrays.stream(roles).anyMatch(held::contains);
    }

    /** Every period in which the participant holds (held, or will hold) the role, oldest first. */
    public List<EffectivePeriod> periodsOf(ParticipantId participant, MarketRole role) {
        return isd.findParticipant(participant).stream()
                .flatMap(view -> view.roles().stream())
                .filter(period -> period.role() == role)
                .map(RolePeriodView::period)
                .toList();
    }
}
