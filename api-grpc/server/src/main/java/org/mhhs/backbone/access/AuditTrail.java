package org.mhhs.backbone.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.mhhs.backbone.kernel.ParticipantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The append-only audit trail ({@code access.audit_trail}; a trigger refuses UPDATE, DELETE and TRUNCATE): every
 * denied call, every read by an auditor or operator, every credential change and every destroyed key, with who, what,
 * when and the outcome. No participant RPC reads it except the operator's {@code ListAuditTrail}. Denied calls are
 * written behind the call, identical ones within a short window as one row with their count ({@link DeniedCalls}), so
 * that a flood of them costs the database a row per window; everything else is written before the call answers.
 */
@Component
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    public enum Category {
        DENIED_CALL,
        PRIVILEGED_READ,
        CREDENTIAL_CHANGE,
        KEY_DESTROYED,
        /** An operator retried or evicted an event a processor parked. */
        DEAD_LETTER
    }

    /**
     * One entry. {@code participant} is empty when the caller could not be authenticated. {@code at} is the first of
     * the entry's {@code occurrences}, {@code lastAt} the last (the same for a single one).
     */
    public record Entry(
            long id,
            Instant at,
            Instant lastAt,
            long occurrences,
            Category category,
            Optional<ParticipantId> participant,
            String authentication,
            String peer,
            String rpc,
            String outcome,
            String reason,
            String detail) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final DeniedCalls deniedCalls;

    /** Built with the partitions ready: every entry's month has its own. */
    AuditTrail(JdbcClient jdbc, Clock clock, DeniedCalls deniedCalls, AuditTrailPartitions partitions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.deniedCalls = deniedCalls;
    }

    /**
     * Hands a denied call to the audit trail's writer: it is appended within {@code hub.audit.denied-call-window},
     * together with identical ones. Never blocks the call.
     */
    public void recordDenied(
            Optional<ParticipantId> participant,
            String authentication,
            String peer,
            String rpc,
            String outcome,
            String reason,
            String detail) {
        deniedCalls.offer(participant, authentication, peer, rpc, outcome, reason, detail);
    }

    /** Appends what a caller did through an RPC and was done (outcome OK), like {@link #record}. */
    public void recordDone(Category category, Caller caller, String rpc, String detail) {
        record(category, Optional.of(caller.participantId()), caller.method().label(), "", rpc, "OK", "", detail);
    }

    /**
     * Appends an entry. Within a transaction (a credential change) it commits or rolls back with it; a denied call
     * is recorded on its own.
     */
    public void record(
            Category category,
            Optional<ParticipantId> participant,
            String authentication,
            String peer,
            String rpc,
            String outcome,
            String reason,
            String detail) {
        jdbc.sql("""
                INSERT INTO access.audit_trail
                    (at, last_at, occurrences, category, participant_id, authentication, peer, rpc, outcome, reason,
                    detail)
                VALUES (:at, :at, 1, :category, :participant, :authentication, :peer, :rpc, :outcome, :reason,
                    :detail)""")
                .param("at", Timestamp.from(clock.instant()))
                .param("category", category.name())
                .param("participant", participant.map(ParticipantId::value).orElse(null))
                .param("authentication", truncate(authentication, 20))
                .param("peer", truncate(peer, 100))
                .param("rpc", truncate(rpc, 200))
                .param("outcome", truncate(outcome, 30))
                .param("reason", truncate(reason, 100))
                .param("detail", truncate(detail, 1000))
                .update();
    }

    /** Like {@link #record}, but a failure to write is logged rather than thrown (the call's answer stands). */
    public void recordQuietly(
            Category category,
            Optional<ParticipantId> participant,
            String authentication,
            String peer,
            String rpc,
            String outcome,
            String reason,
            String detail) {
        try {
            record(category, participant, authentication, peer, rpc, outcome, reason, detail);
        } catch (RuntimeException e) {
            log.error(
                    "Could not append to the audit trail: {} {} {} {} {}",
                    category,
                    participant,
                    rpc,
                    outcome,
                    reason,
                    e);
        }
    }

    /** Entries after an id, oldest first, optionally of one participant and one category. */
    public List<Entry> list(long afterId, int limit, Optional<ParticipantId> participant, Optional<Category> category) {
        return jdbc.sql("""
                SELECT id, at, last_at, occurrences, category, participant_id, authentication, peer, rpc, outcome,
                    reason, detail
                FROM access.audit_trail
                WHERE id > :after
                  AND (CAST(:participant AS text) IS NULL OR participant_id = :participant)
                  AND (CAST(:category AS text) IS NULL OR category = :category)
                ORDER BY id
                LIMIT :limit""")
                .param("after", afterId)
                .param("participant", participant.map(ParticipantId::value).orElse(null))
                .param("category", category.map(Category::name).orElse(null))
                .param("limit", limit)
                .query(AuditTrail::entry)
                .list();
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        String participant = rs.getString(6);
        return new Entry(
                rs.getLong(1),
                rs.getObject(2, OffsetDateTime.class).toInstant(),
                rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getLong(4),
                Category.valueOf(rs.getString(5)),
                Optional.ofNullable(participant).map(ParticipantId::of),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12));
    }

    static String truncate(String value, int length) {
        if (value == null) {
            return "";
        }
        return value.length() <= length ? value : value.substring(0, length);
    }
}
