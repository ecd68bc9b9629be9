package org.mhhs.backbone.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;

class AllocationHashTest {

    @Test
    void theHashIsSha256OfOneCanonicalLinePerCellInDayGspSupplierPeriodOrder() throws Exception {
        var cells = new TreeMap<Allocation.Cell, Allocation.Figure>();
        LocalDate day = LocalDate.of(2026, 11, 2);
        cells.put(
                new Allocation.Cell(day, GspGroupId.of("_B"), ParticipantId.of("SUPA"), 1),
                new Allocation.Figure(7, 1));
        cells.put(
                new Allocation.Cell(day, GspGroupId.of("_A"), ParticipantId.of("SUPB"), 2),
                new Allocation.Figure(1_250_000, 3));
        cells.put(
                new Allocation.Cell(day, GspGroupId.of("_A"), ParticipantId.of("SUPB"), 10),
                new Allocation.Figure(0, 3));

        String canonical = """
                2026-11-02,_A,SUPB,2,1250000,3
                2026-11-02,_A,SUPB,10,0,3
                2026-11-02,_B,SUPA,1,7,1
                """;

        assertThat(AllocationHash.of(cells))
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256")
                                .digest(canonical.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void nothingHashesAsTheEmptyInput() {
        assertThat(AllocationHash.of(new TreeMap<>()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
