package org.mhhs.backbone.isd.api;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;

/** The ISD read model, for other contexts and the gRPC layer. Answers reflect events processed so far. */
public interface IsdQueries {

    Optional<ParticipantView> findParticipant(ParticipantId participantId);

    /**
     * Participants ordered by id, after {@code after} when given, holding {@code role} (on {@code asAt} when given).
     */
    List<ParticipantView> findParticipants(
            Optional<MarketRole> role, Optional<LocalDate> asAt, Optional<ParticipantId> after, int limit);

    Set<MarketRole> findRolesAsAt(ParticipantId participantId, LocalDate date);

    /** The roles each of the participants holds on the date (an empty set for one holding none), for many at once. */
    default Map<ParticipantId, Set<MarketRole>> findRolesAsAt(Set<ParticipantId> participantIds, LocalDate date) {
        Map<ParticipantId, Set<MarketRole>> roles = new HashMap<>();
        participantIds.forEach(participant -> roles.put(participant, findRolesAsAt(participant, date)));
        return roles;
    }

    default boolean holdsRole(ParticipantId participantId, MarketRole role, LocalDate date) {
        return findRolesAsAt(participantId, date).contains(role);
    }

    /** Every GSP group with its DNO today. */
    List<GspGroupView> findGspGroups();

    /** The GSP group with its DNO today. */
    Optional<GspGroupView> findGspGroup(GspGroupId gspGroupId);

    /** The DNO of the GSP group on a day (empty when the group is unknown). */
    Optional<ParticipantId> findDnoOn(GspGroupId gspGroupId, LocalDate day);

    /** The GSP group's DNO periods, oldest first; the first starts at the beginning of the market. */
    List<DnoPeriodView> findDnoHistory(GspGroupId gspGroupId);

    /** The GSP groups whose DNO the participant was (or will be) on a day. */
    default Set<GspGroupId> findGspGroupsOfDnoOn(ParticipantId dnoId, LocalDate day) {
        return findGspGroups().stream()
                .map(GspGroupView::gspGroupId)
                .filter(group -> findDnoOn(group, day).filter(dnoId::equals).isPresent())
                .collect(Collectors.toSet());
    }

    SettlementCalendarView findSettlementCalendar();

    /** The final dispute window alone, for callers on a hot path (every consumption submission). */
    default Optional<Integer> findFinalDisputeWindowMonths() {
        return findSettlementCalendar().finalDisputeWindowMonths();
    }

    /**
     * The change of supplier horizon in force, in days: ISD's setting, or {@link
     * MarketCalendar#DEFAULT_CHANGE_OF_SUPPLIER_HORIZON_DAYS} while ISD sets none.
     */
    default int findChangeOfSupplierHorizonDays() {
        return findSettlementCalendar().changeOfSupplierHorizonDays();
    }
}
