package org.mhhs.backbone.settlement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

/**
 * The content hash of an allocation: SHA-256, as 64 lower-case hex digits, over one line per cell in canonical order
 * (day, GSP group, supplier, period), each line {@code YYYY-MM-DD,GSP,SUPPLIER,PERIOD,WATT_HOURS,MPAN_COUNT\n} in
 * UTF-8 with plain decimal integers. Anyone can recompute it from the published figures.
 */
final class AllocationHash {

    private AllocationHash() {}

    static String of(SortedMap<Allocation.Cell, Allocation.Figure> cells) {
        MessageDigest digest = sha256();
        StringBuilder line = new StringBuilder(64);
        for (Map.Entry<Allocation.Cell, Allocation.Figure> entry : cells.entrySet()) {
            Allocation.Cell cell = entry.getKey();
            line.setLength(0);
            line.append(cell.settlementDate())
                    .append(',')
                    .append(cell.gspGroupId().value())
                    .append(',')
                    .append(cell.supplier().value())
                    .append(',')
                    .append(cell.period())
                    .append(',')
                    .append(entry.getValue().wattHours())
                    .append(',')
                    .append(entry.getValue().mpanCount())
                    .append('\n');
            digest.update(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
