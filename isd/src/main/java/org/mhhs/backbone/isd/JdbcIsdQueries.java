package org.mhhs.backbone.isd;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.mhhs.backbone.isd.api.DnoPeriodView;
import org.mhhs.backbone.isd.api.GspGroupView;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.isd.api.MarketCalendar;
import org.mhhs.backbone.isd.api.ParticipantView;
import org.mhhs.backbone.isd.api.RolePeriodView;
import org.mhhs.backbone.isd.api.SettlementCalendarView;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.SettlementDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcIsdQueries implements IsdQueries {

    /** The first day of a GSP group's first DNO period: the group was always its first DNO's. */
    static final LocalDate BEGINNING = LocalDate.of(1900, 1, 1);

    private static final String GSP_GROUP_TODAY = """
            SELECT g.gsp_group_id, g.name, COALESCE(
                (SELECT d.dno_id FROM isd.gsp_group_dno d WHERE d.gsp_group_id = g.gsp_group_id
                 AND d.effective_from <= :today ORDER BY d.effective_from DESC LIMIT 1), g.dno_id)
            FROM isd.gsp_group g""";

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcIsdQueries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<ParticipantView> findParticipant(ParticipantId participantId) {
        return jdbc.sql("SELECT name FROM isd.participant WHERE participant_id = :id")
                .param("id", participantId.value())
                .query(String.class)
                .optional()
                .map(name -> new ParticipantView(
                        participantId, name, rolesOf(List.of(participantId)).getOrDefault(participantId, List.of())));
    }

    @Override
    public List<ParticipantView> findParticipants(
            Optional<MarketRole> role, Optional<LocalDate> asAt, Optional<ParticipantId> after, int limit) {
        StringBuilder sql = new StringBuilder(
                "SELECT p.participant_id, p.name FROM isd.participant p WHERE p.participant_id > :after");
        if (role.isPresent()) {
            sql.append(" AND EXISTS (SELECT 1 FROM isd.participant_role r"
                    + " WHERE r.participant_id = p.participant_id AND r.role = :role");
            if (asAt.isPresent()) {
                sql.append(" AND r.effective_from <= :asAt AND (r.effective_to IS NULL OR r.effective_to >= :asAt)");
            }
            sql.append(")");
        }
        sql.append(" ORDER BY p.participant_id LIMIT :limit");
        var statement = jdbc.sql(sql.toString())
                .param("after", after.map(ParticipantId::value).orElse(""))
                .param("limit", limit);
        if (role.isPresent()) {
            statement = statement.param("role", role.get().name());
        }
        if (asAt.isPresent()) {
            statement = statement.param("asAt", asAt.get());
        }
        Map<ParticipantId, String> names = new LinkedHashMap<>();
        statement
                .query((rs, n) -> Map.entry(ParticipantId.of(rs.getString(1)), rs.getString(2)))
                .list()
                .forEach(e -> names.put(e.getKey(), e.getValue()));
        Map<ParticipantId, List<RolePeriodView>> roles = rolesOf(List.copyOf(names.keySet()));
        List<ParticipantView> views = new ArrayList<>();
        names.forEach((id, name) -> {
            ParticipantView view = new ParticipantView(id, name, roles.getOrDefault(id, List.of()));
            views.add(asAt.map(view::rolesAsAt).orElse(view));
        });
        return views;
    }

    private Map<ParticipantId, List<RolePeriodView>> rolesOf(List<ParticipantId> participants) {
        if (participants.isEmpty()) {
            return Map.of();
        }
        Map<ParticipantId, List<RolePeriodView>> roles = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT participant_id, role, effective_from, effective_to FROM isd.participant_role
                WHERE participant_id IN (:ids) ORDER BY participant_id, role, effective_from""")
                .param("ids", participants.stream().map(ParticipantId::value).toList())
                .query((rs, n) -> {
                    LocalDate to = rs.getObject(4, LocalDate.class);
                    LocalDate from = rs.getObject(3, LocalDate.class);
                    return Map.entry(
                            ParticipantId.of(rs.getString(1)),
                            new RolePeriodView(
                                    MarketRole.valueOf(rs.getString(2)),
                                    to == null ? EffectivePeriod.from(from) : EffectivePeriod.between(from, to)));
                })
                .list()
                .forEach(e -> roles.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue()));
        return roles;
    }

    @Override
    public Map<ParticipantId, Set<MarketRole>> findRolesAsAt(Set<ParticipantId> participantIds, LocalDate date) {
        Map<ParticipantId, Set<MarketRole>> roles = new HashMap<>();
        participantIds.forEach(participant -> roles.put(participant, EnumSet.noneOf(MarketRole.class)));
        if (participantIds.isEmpty()) {
            return roles;
        }
        jdbc.sql("""
                SELECT participant_id, role FROM isd.participant_role
                WHERE participant_id = ANY (CAST(:ids AS char(4)[]))
                AND effective_from <= :date AND (effective_to IS NULL OR effective_to >= :date)""")
                .param("ids", participantIds.stream().map(ParticipantId::value).toArray(String[]::new))
                .param("date", date)
                .query((rs, n) -> Map.entry(ParticipantId.of(rs.getString(1)), MarketRole.valueOf(rs.getString(2))))
                .list()
                .forEach(held -> roles.get(held.getKey()).add(held.getValue()));
        return roles;
    }

    @Override
    public Set<MarketRole> findRolesAsAt(ParticipantId participantId, LocalDate date) {
        Set<MarketRole> roles = EnumSet.noneOf(MarketRole.class);
        jdbc.sql("""
                SELECT role FROM isd.participant_role WHERE participant_id = :id
                AND effective_from <= :date AND (effective_to IS NULL OR effective_to >= :date)""")
                .param("id", participantId.value())
                .param("date", date)
                .query(String.class)
                .list()
                .forEach(role -> roles.add(MarketRole.valueOf(role)));
        return roles;
    }

    @Override
    public List<GspGroupView> findGspGroups() {
        return jdbc.sql(GSP_GROUP_TODAY + " ORDER BY g.gsp_group_id")
                .param("today", SettlementDate.today(clock).date())
                .query(JdbcIsdQueries::gspGroup)
                .list();
    }

    @Override
    public Optional<ParticipantId> findDnoOn(GspGroupId gspGroupId, LocalDate day) {
        return jdbc.sql("""
                SELECT dno_id FROM isd.gsp_group_dno WHERE gsp_group_id = :id AND effective_from <= :day
                ORDER BY effective_from DESC LIMIT 1""")
                .param("id", gspGroupId.value())
                .param("day", day)
                .query((rs, n) -> ParticipantId.of(rs.getString(1)))
                .optional();
    }

    @Override
    public Set<GspGroupId> findGspGroupsOfDnoOn(ParticipantId dnoId, LocalDate day) {
        return new HashSet<>(jdbc.sql("""
                SELECT d.gsp_group_id FROM isd.gsp_group_dno d
                WHERE d.dno_id = :dno AND d.effective_from = (SELECT max(l.effective_from) FROM isd.gsp_group_dno l
                    WHERE l.gsp_group_id = d.gsp_group_id AND l.effective_from <= :day)""")
                .param("dno", dnoId.value())
                .param("day", day)
                .query((rs, n) -> GspGroupId.of(rs.getString(1)))
                .list());
    }

    @Override
    public List<DnoPeriodView> findDnoHistory(GspGroupId gspGroupId) {
        List<Map.Entry<LocalDate, ParticipantId>> starts = jdbc.sql("""
                SELECT effective_from, dno_id FROM isd.gsp_group_dno WHERE gsp_group_id = :id
                ORDER BY effective_from""")
                .param("id", gspGroupId.value())
                .query((rs, n) -> Map.entry(rs.getObject(1, LocalDate.class), ParticipantId.of(rs.getString(2))))
                .list();
        return EffectivePeriod.consecutive(starts, Map.Entry::getKey).stream()
                .map(dated -> new DnoPeriodView(dated.getKey().getValue(), dated.getValue()))
                .toList();
    }

    @Override
    public Optional<GspGroupView> findGspGroup(GspGroupId gspGroupId) {
        return jdbc.sql(GSP_GROUP_TODAY + " WHERE g.gsp_group_id = :id")
                .param("today", SettlementDate.today(clock).date())
                .param("id", gspGroupId.value())
                .query(JdbcIsdQueries::gspGroup)
                .optional();
    }

    private static GspGroupView gspGroup(ResultSet rs, int row) throws SQLException {
        return new GspGroupView(GspGroupId.of(rs.getString(1)), rs.getString(2), ParticipantId.of(rs.getString(3)));
    }

    @Override
    public Optional<Integer> findFinalDisputeWindowMonths() {
        return jdbc.sql("SELECT final_dispute_window_months FROM isd.calendar_setting WHERE calendar_id = :id")
                .param("id", MarketCalendar.ID)
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, Integer.class)))
                .optional()
                .flatMap(months -> months);
    }

    @Override
    public int findChangeOfSupplierHorizonDays() {
        return jdbc.sql("SELECT change_of_supplier_horizon_days FROM isd.calendar_setting WHERE calendar_id = :id")
                .param("id", MarketCalendar.ID)
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, Integer.class)))
                .optional()
                .flatMap(days -> days)
                .orElse(MarketCalendar.DEFAULT_CHANGE_OF_SUPPLIER_HORIZON_DAYS);
    }

    @Override
    public SettlementCalendarView findSettlementCalendar() {
        TreeMap<LocalDate, String> holidays = new TreeMap<>();
        jdbc.sql("SELECT holiday_date, name FROM isd.bank_holiday")
                .query((rs, n) -> Map.entry(rs.getObject(1, LocalDate.class), rs.getString(2)))
                .list()
                .forEach(e -> holidays.put(e.getKey(), e.getValue()));
        Map<SettlementRunType, Integer> schedule = new EnumMap<>(SettlementRunType.class);
        jdbc.sql("SELECT run_type, working_days FROM isd.run_schedule")
                .query((rs, n) -> Map.entry(SettlementRunType.valueOf(rs.getString(1)), rs.getInt(2)))
                .list()
                .forEach(e -> schedule.put(e.getKey(), e.getValue()));
        record Settings(Long timeoutSeconds, Integer disputeMonths, Integer horizonDays) {}
        Settings settings = jdbc.sql("""
                SELECT appointment_response_timeout_secs, final_dispute_window_months, change_of_supplier_horizon_days
                FROM isd.calendar_setting WHERE calendar_id = :id""")
                .param("id", MarketCalendar.ID)
                .query((rs, n) -> new Settings(
                        rs.getObject(1, Long.class), rs.getObject(2, Integer.class), rs.getObject(3, Integer.class)))
                .optional()
                .orElse(new Settings(null, null, null));
        return new SettlementCalendarView(
                holidays,
                schedule,
                Optional.ofNullable(settings.timeoutSeconds()).map(Duration::ofSeconds),
                Optional.ofNullable(settings.disputeMonths()),
                Optional.ofNullable(settings.horizonDays())
                        .orElse(MarketCalendar.DEFAULT_CHANGE_OF_SUPPLIER_HORIZON_DAYS));
    }
}
