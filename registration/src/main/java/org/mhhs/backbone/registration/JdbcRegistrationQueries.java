package org.mhhs.backbone.registration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.registration.api.AppointmentView;
import org.mhhs.backbone.registration.api.DetailsView;
import org.mhhs.backbone.registration.api.EnergisationStatus;
import org.mhhs.backbone.registration.api.MarketSegment;
import org.mhhs.backbone.registration.api.MeteringPointView;
import org.mhhs.backbone.registration.api.RegistrationQueries;
import org.mhhs.backbone.registration.api.ResponsibilityView;
import org.mhhs.backbone.registration.api.ServiceRole;
import org.mhhs.backbone.registration.api.TimelineEntryView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcRegistrationQueries implements RegistrationQueries {

    /** One round trip, three primary-key probes: cheap enough for every consumption submission. */
    private static final String RESPONSIBILITY_ON = """
            SELECT d.gsp_group_id, d.segment, d.energisation,
                (SELECT r.participant_id FROM registration.responsibility r
                    WHERE r.mpan = d.mpan AND r.role = 'SUPPLIER'
                    AND r.effective_from <= :day AND (r.effective_to IS NULL OR r.effective_to >= :day)
                    ORDER BY r.effective_from DESC LIMIT 1) AS supplier,
                (SELECT r.participant_id FROM registration.responsibility r
                    WHERE r.mpan = d.mpan AND r.role = 'DATA_SERVICE'
                    AND r.effective_from <= :day AND (r.effective_to IS NULL OR r.effective_to >= :day)
                    ORDER BY r.effective_from DESC LIMIT 1) AS data_service,
                (SELECT r.participant_id FROM registration.responsibility r
                    WHERE r.mpan = d.mpan AND r.role = 'METERING_SERVICE'
                    AND r.effective_from <= :day AND (r.effective_to IS NULL OR r.effective_to >= :day)
                    ORDER BY r.effective_from DESC LIMIT 1) AS metering_service
            FROM registration.metering_point_details d
            WHERE d.mpan = :mpan AND d.effective_from <= :day
            ORDER BY d.effective_from DESC LIMIT 1""";

    private final JdbcClient jdbc;

    JdbcRegistrationQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ResponsibilityView> findResponsibility(Mpan mpan, LocalDate day) {
        return jdbc.sql(RESPONSIBILITY_ON)
                .param("mpan", mpan.value())
                .param("day", day)
                .query((rs, n) -> new ResponsibilityView(
                        mpan,
                        day,
                        GspGroupId.of(rs.getString(1)),
                        MarketSegment.valueOf(rs.getString(2)),
                        EnergisationStatus.valueOf(rs.getString(3)),
                        participant(rs, 4),
                        participant(rs, 5),
                        participant(rs, 6)))
                .optional();
    }

    @Override
    public Optional<MeteringPointView> findMeteringPoint(Mpan mpan) {
        return jdbc.sql("SELECT registration_service FROM registration.metering_point WHERE mpan = :mpan")
                .param("mpan", mpan.value())
                .query(String.class)
                .optional()
                .map(service -> new MeteringPointView(
                        mpan,
                        ParticipantId.of(service),
                        jdbc.sql("""
                        SELECT effective_from, gsp_group_id, segment, energisation
                        FROM registration.metering_point_details WHERE mpan = :mpan ORDER BY effective_from""")
                                .param("mpan", mpan.value())
                                .query((rs, n) -> new DetailsView(
                                        rs.getObject(1, LocalDate.class),
                                        GspGroupId.of(rs.getString(2)),
                                        MarketSegment.valueOf(rs.getString(3)),
                                        EnergisationStatus.valueOf(rs.getString(4))))
                                .list()));
    }

    @Override
    public List<TimelineEntryView> findTimeline(Mpan mpan) {
        return jdbc.sql("""
                SELECT role, participant_id, effective_from, effective_to FROM registration.responsibility
                WHERE mpan = :mpan ORDER BY effective_from, role""")
                .param("mpan", mpan.value())
                .query((rs, n) -> new TimelineEntryView(
                        MarketRole.valueOf(rs.getString(1)),
                        ParticipantId.of(rs.getString(2)),
                        period(rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class))))
                .list();
    }

    @Override
    public List<Mpan> findServedBy(
            ParticipantId participant, MarketRole role, LocalDate day, Optional<Mpan> after, int limit) {
        return jdbc.sql("""
                SELECT mpan FROM registration.responsibility
                WHERE participant_id = :participant AND role = :role AND effective_from <= :day
                  AND (effective_to IS NULL OR effective_to >= :day) AND mpan > :after
                ORDER BY mpan LIMIT :limit""")
                .param("participant", participant.value())
                .param("role", role.name())
                .param("day", day)
                .param("after", after.map(Mpan::value).orElse(""))
                .param("limit", limit)
                .query((rs, n) -> Mpan.of(rs.getString(1)))
                .list();
    }

    @Override
    public Optional<AppointmentView> findAppointment(UUID appointmentId) {
        return jdbc.sql("""
                SELECT appointment_id, mpan, role, service_id, supplier_id, effective_from, state, respond_by, reason
                FROM registration.appointment WHERE appointment_id = :id""")
                .param("id", appointmentId)
                .query((rs, n) -> new AppointmentView(
                        rs.getObject(1, UUID.class),
                        Mpan.of(rs.getString(2)),
                        ServiceRole.valueOf(rs.getString(3)),
                        ParticipantId.of(rs.getString(4)),
                        ParticipantId.of(rs.getString(5)),
                        rs.getObject(6, LocalDate.class),
                        AppointmentView.AppointmentState.valueOf(rs.getString(7)),
                        rs.getObject(8, OffsetDateTime.class).toInstant(),
                        rs.getString(9)))
                .optional();
    }

    private static Optional<ParticipantId> participant(ResultSet rs, int column) throws SQLException {
        return Optional.ofNullable(rs.getString(column)).map(ParticipantId::of);
    }

    private static EffectivePeriod period(LocalDate from, LocalDate to) {
        return to == null ? EffectivePeriod.from(from) : EffectivePeriod.between(from, to);
    }
}
