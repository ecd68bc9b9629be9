package org.mhhs.backbone.grpc.access;

import java.util.ArrayList;
import java.util.List;
import org.mhhs.backbone.grpc.v1.AuditEntry;
import org.mhhs.backbone.grpc.v1.ListAuditTrailRequest;
import org.mhhs.backbone.testing.HubClient;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the access tests read of the audit trail: where it stands, and what was appended since. */
final class AuditTrailReads {

    private AuditTrailReads() {}

    /** The id of the latest entry, read in the database (0 when there is none). */
    static long lastAuditId(JdbcClient jdbc) {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM access.audit_trail")
                .query(Long.class)
                .single();
    }

    /**
     * The audit entries after an id, read page by page through the operator's ListAuditTrail, up to the first page
     * that is not full (each of the operator's reads is itself an entry: the next page would always hold one more).
     */
    static List<AuditEntry> entriesAfter(HubClient hub, long start) {
        var operator = hub.access(hub.operatorToken());
        List<AuditEntry> entries = new ArrayList<>();
        long after = start;
        while (true) {
            var page = operator.listAuditTrail(ListAuditTrailRequest.newBuilder()
                    .setAfterId(after)
                    .setPageSize(1000)
                    .build());
            entries.addAll(page.getEntriesList());
            if (page.getEntriesCount() < 1000) {
                return entries;
            }
            after = page.getNextAfterId();
        }
    }
}
