package org.mhhs.bench.market;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.Mpan;

/** Participant ids, GSP groups and MPAN cores of the synthetic market. */
final class MarketIdentifiers {

    /** Three base-36 characters after the role's letter. */
    static final int MAX_PER_ROLE = 36 * 36 * 36;

    private static final Map<MarketRole, Character> ROLE_LETTERS = new EnumMap<>(Map.of(
            MarketRole.SUPPLIER,
            'S',
            MarketRole.DATA_SERVICE,
            'A',
            MarketRole.METERING_SERVICE,
            'M',
            MarketRole.REGISTRATION_SERVICE,
            'R',
            MarketRole.DNO,
            'D',
            MarketRole.CENTRAL_SETTLEMENT,
            'C',
            MarketRole.AUDITOR,
            'U'));

    /** The 14 GSP groups with the distributor ids GB metering points of their area start with. */
    static final List<SyntheticGspGroup> GSP_GROUPS = List.of(
            group("_A", "Eastern", 0, 10),
            group("_B", "East Midlands", 1, 11),
            group("_C", "London", 2, 12),
            group("_D", "Merseyside and North Wales", 3, 13),
            group("_E", "Midlands", 4, 14),
            group("_F", "Northern", 5, 15),
            group("_G", "North Western", 6, 16),
            group("_H", "Southern", 7, 20),
            group("_J", "South Eastern", 8, 19),
            group("_K", "South Wales", 9, 21),
            group("_L", "South Western", 10, 22),
            group("_M", "Yorkshire", 11, 23),
            group("_N", "South Scotland", 12, 18),
            group("_P", "North Scotland", 13, 17));

    /** Odd and not a multiple of 5, so index * step is a bijection modulo 10^10: no two metering points collide. */
    private static final long MPAN_STEP = 7_919_891L;

    private static final long MPAN_SERIALS = 10_000_000_000L;

    private MarketIdentifiers() {}

    static String participantId(MarketRole role, int index) {
        Character letter = ROLE_LETTERS.get(role);
        if (letter == null) {
            throw new IllegalArgumentException("the synthetic market has no participants of role " + role);
        }
        String digits = Integer.toString(index, 36).toUpperCase();
        return letter + "0".repeat(3 - digits.length()) + digits;
    }

    static String mpan(int distributorId, int index, long offset) {
        long serial = Math.floorMod(index * MPAN_STEP + offset, MPAN_SERIALS);
        String first12 = String.format("%02d%010d", distributorId, serial);
        return first12 + Mpan.checkDigitOf(first12);
    }

    private static SyntheticGspGroup group(String id, String area, int dnoIndex, int distributorId) {
        return new SyntheticGspGroup(id, area, participantId(MarketRole.DNO, dnoIndex), distributorId);
    }
}
