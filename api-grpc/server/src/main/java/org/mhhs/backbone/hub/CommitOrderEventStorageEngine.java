package org.mhhs.backbone.hub;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC event store whose readers never pass an event that may still commit (docs/adr/0016). PostgreSQL makes
 * commits visible out of {@code global_index} order; Axon's reader tracks what it has not seen yet as gaps and gives
 * up on them after 60 s or 10,000 indexes. This one reads only up to the commit-order watermark: the highest index at
 * or below which every index is final, committed or never to be, confirmed by probes ({@link Watermark}; the
 * trigger of migration axon/V3 gives a transaction its id before its index). Below the watermark a missing index is
 * a rolled-back or refused one, so tokens carry no gaps and a reader may be as late as it likes.
 */
class CommitOrderEventStorageEngine extends JdbcEventStorageEngine {

    private final Watermark watermark;

    CommitOrderEventStorageEngine(Builder builder, EventSchema schema) {
        super(builder.schema(schema));
        this.watermark = new Watermark(schema);
    }

    /** Axon's query for the next batch, bounded by the watermark. */
    @Override
    protected PreparedStatement readEventData(Connection connection, TrackingToken lastToken, int batchSize)
            throws SQLException {
        long finalIndex = watermark.finalIndex(connection);
        GapAwareTrackingToken previous = (GapAwareTrackingToken) lastToken;
        long index = previous == null ? -1 : previous.getIndex();
        List<Long> gaps = previous == null ? List.of() : new ArrayList<>(previous.getGaps());
        EventSchema schema = schema();
        String sql = "SELECT " + trackedEventFields() + " FROM " + schema.domainEventTable() + " WHERE (("
                + schema.globalIndexColumn() + " > ? AND " + schema.globalIndexColumn() + " <= ?)"
                + (gaps.isEmpty()
                        ? ""
                        : " OR " + schema.globalIndexColumn() + " IN ("
                                + String.join(",", Collections.nCopies(gaps.size(), "?")) + ")")
                + ") AND " + schema.globalIndexColumn() + " <= ? ORDER BY " + schema.globalIndexColumn();
        PreparedStatement statement = connection.prepareStatement(sql);
        int parameter = 1;
        statement.setLong(parameter++, index);
        statement.setLong(parameter++, index + batchSize);
        for (long gap : gaps) {
            statement.setLong(parameter++, gap);
        }
        statement.setLong(parameter, finalIndex);
        return statement;
    }

    /**
     * Axon's look past a stretch of missing indexes longer than a batch (burned by refused commands), bounded by the
     * watermark: without the bound it would jump over a transaction still open. It runs right after a batch was
     * read, so it takes the watermark that read confirmed (any value the watermark ever had is a safe bound).
     */
    @Override
    protected PreparedStatement fetchTrackedEvents(Connection connection, long index) throws SQLException {
        long finalIndex = watermark.confirmed();
        EventSchema schema = schema();
        PreparedStatement statement = connection.prepareStatement("SELECT min(" + schema.globalIndexColumn()
                + ") FROM " + schema.domainEventTable() + " WHERE " + schema.globalIndexColumn() + " > ? AND "
                + schema.globalIndexColumn() + " <= ?");
        statement.setLong(1, index);
        statement.setLong(2, finalIndex);
        return statement;
    }

    /** The head a processor may start from is the watermark's, not the highest visible index. */
    @Override
    protected PreparedStatement createHeadToken(Connection connection) throws SQLException {
        long finalIndex = watermark.finalIndex(connection);
        EventSchema schema = schema();
        PreparedStatement statement = connection.prepareStatement("SELECT max(" + schema.globalIndexColumn() + ") FROM "
                + schema.domainEventTable() + " WHERE " + schema.globalIndexColumn() + " <= ?");
        statement.setLong(1, finalIndex);
        return statement;
    }

    /**
     * The token after an event read at or below the watermark: every index below it is final, so no gap below it is
     * worth looking at again (one that existed was read before it, in index order).
     */
    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        long index = resultSet.getLong(schema().globalIndexColumn());
        return super.getTrackedEventData(resultSet, withoutGapsBelow(index, previousToken));
    }

    /** A token from which Axon's step to {@code index} records no gap below it. */
    static GapAwareTrackingToken withoutGapsBelow(long index, GapAwareTrackingToken previous) {
        if (previous == null || previous.getIndex() < index) {
            return GapAwareTrackingToken.newInstance(index - 1, List.of());
        }
        return previous.withGapsTruncatedAt(index);
    }

    /** The highest index, as far as this node has confirmed, at or below which every index is final. */
    long finalIndex(Connection connection) throws SQLException {
        return watermark.finalIndex(connection);
    }
}
