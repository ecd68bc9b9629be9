package org.mhhs.backbone.isd;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.mhhs.backbone.isd.api.GspGroupRegistered;
import org.mhhs.backbone.isd.api.ParticipantRegistered;
import org.mhhs.backbone.isd.api.RoleGranted;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;

/** Test data for the ISD aggregates and read model, named for what it is rather than how it is built. */
final class IsdFixtures {

    /** Today for the GSP group tests is 2026-06-15, late morning in London. */
    static final Clock MID_JUNE_2026 = Clock.fixed(Instant.parse("2026-06-15T10:00:00Z"), ZoneOffset.UTC);

    private IsdFixtures() {}

    static ParticipantRegistered registered(ParticipantId participant) {
        return new ParticipantRegistered(participant, "Participant " + participant);
    }

    static RoleGranted granted(ParticipantId participant, MarketRole role, EffectivePeriod period) {
        return new RoleGranted(participant, role, period);
    }

    static GspGroupRegistered gspGroupRegistered(GspGroupId gspGroup, ParticipantId dno) {
        return new GspGroupRegistered(gspGroup, "East Midlands", dno);
    }

    static String nameOfLength(int length) {
        return "N".repeat(length);
    }
}
