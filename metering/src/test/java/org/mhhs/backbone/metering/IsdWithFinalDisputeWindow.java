package org.mhhs.backbone.metering;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mhhs.backbone.isd.api.GspGroupView;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.isd.api.ParticipantView;
import org.mhhs.backbone.isd.api.SettlementCalendarView;
import org.mhhs.backbone.isd.testing.FakeIsdQueries;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;

/** ISD as {@link FakeIsdQueries} holds it, with a final dispute window set, which that fake cannot express. */
final class IsdWithFinalDisputeWindow implements IsdQueries {

    private final FakeIsdQueries isd;
    private final int finalDisputeWindowMonths;

    IsdWithFinalDisputeWindow(FakeIsdQueries isd, int finalDisputeWindowMonths) {
        this.isd = isd;
        this.finalDisputeWindowMonths = finalDisputeWindowMonths;
    }

    @Override
    public Optional<ParticipantView> findParticipant(ParticipantId participantId) {
        return isd.findParticipant(participantId);
    }

    @Override
    public List<ParticipantView> findParticipants(Optional<MarketRole> role, Optional<LocalDate> asAt,
                                                  Optional<ParticipantId> after, int limit) {
        return isd.findParticipants(role, asAt, after, limit);
    }

    @Override
    public Set<MarketRole> findRolesAsAt(ParticipantId participantId, LocalDate date) {
        return isd.findRolesAsAt(participantId, date);
    }

    @Override
    public List<GspGroupView> findGspGroups() {
        return isd.findGspGroups();
    }

    @Override
    public Optional<GspGroupView> findGspGroup(GspGroupId gspGroupId) {
        return isd.findGspGroup(gspGroupId);
    }

    @Override
    public SettlementCalendarView findSettlementCalendar() {
        SettlementCalendarView calendar = isd.findSettlementCalendar();
        return new SettlementCalendarView(calendar.bankHolidays(), calendar.runSchedule(),
                calendar.appointmentResponseTimeout(), Optional.of(finalDisputeWindowMonths));
    }
}
