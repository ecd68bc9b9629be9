package org.mhhs.backbone.settlement;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Freezes a day's allocation at the position the allocation processor has fully processed. The processor writes its
 * cells and its token in one transaction; this reads its token row with FOR SHARE first, so that no batch can commit
 * between reading the token and reading the cells, and both belong to the same state (docs/adr/0006).
 */
@Component
class JdbcAllocationFreezer implements AllocationFreezer {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Serializer serializer;

    JdbcAllocationFreezer(
            JdbcTemplate jdbc, TransactionTemplate transaction, @Qualifier("serializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.serializer = serializer;
    }

    @Override
    public FrozenAllocation freeze(LocalDate settlementDate) {
        return transaction.execute(status -> {
            List<TrackingToken> tokens = jdbc.query(
                    "SELECT token, token_type FROM axon.token_entry WHERE processor_name = ? FOR SHARE",
                    (rs, n) -> token(rs.getBytes(1), rs.getString(2)),
                    SettlementProcessingGroups.ALLOCATION);
            AllocationMustBeCurrent.checkOneSegment(tokens.size());
            AllocationMustBeCurrent.checkNothingParked(jdbc.queryForObject(
                    "SELECT count(*) FROM axon.dead_letter_entry WHERE processing_group = ?",
                    Long.class,
                    SettlementProcessingGroups.ALLOCATION));
            TrackingToken token = tokens.getFirst();
            if (token instanceof ReplayToken replay) {
                // Axon keeps the replay mark until an event beyond the reset position arrives: caught up is enough
                long reached = replay.getCurrentToken() == null
                        ? 0
                        : replay.getCurrentToken().position().orElse(0);
                AllocationMustBeCurrent.checkNotRebuilding(
                        reached, replay.getTokenAtReset().position().orElse(Long.MAX_VALUE));
                token = replay.getCurrentToken();
            }
            long position = 0;
            List<Long> excluded = new ArrayList<>();
            if (token instanceof GapAwareTrackingToken gapAware) {
                position = gapAware.getIndex();
                excluded.addAll(gapAware.getGaps());
            } else if (token != null) {
                position = token.position().orElse(0);
            }
            SortedMap<Allocation.Cell, Allocation.Figure> cells = new TreeMap<>();
            jdbc.query(
                    """
                    SELECT gsp_group_id, supplier_id, p.period, p.energy_wh, mpan_count
                    FROM settlement.allocated_volume, unnest(energy_wh) WITH ORDINALITY AS p(energy_wh, period)
                    WHERE settlement_date = ? AND mpan_count > 0""",
                    rs -> {
                        cells.put(
                                new Allocation.Cell(
                                        settlementDate,
                                        GspGroupId.of(rs.getString(1)),
                                        ParticipantId.of(rs.getString(2)),
                                        rs.getInt(3)),
                                new Allocation.Figure(rs.getLong(4), rs.getInt(5)));
                    },
                    Date.valueOf(settlementDate));
            return new FrozenAllocation(position, excluded, cells);
        });
    }

    private TrackingToken token(byte[] bytes, String type) {
        if (bytes == null) {
            return null;
        }
        SerializedType serializedType = new SimpleSerializedType(type, null);
        return serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, serializedType));
    }
}
