package org.mhhs.backbone.kernel.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * The market every context's fixture tests share: the same participants and GSP groups under the same names, MPANs
 * with valid check digits, days and periods. A context's own fixtures add what only it needs.
 */
public final class MarketFixture {

    public static final ParticipantId OPERATOR = ParticipantId.of("OPER");
    public static final ParticipantId SUPPLIER_A = ParticipantId.of("SUPA");
    public static final ParticipantId SUPPLIER_B = ParticipantId.of("SUPB");
    public static final ParticipantId SUPPLIER_C = ParticipantId.of("SUPC");
    public static final ParticipantId DATA_SERVICE_A = ParticipantId.of("DSVA");
    public static final ParticipantId DATA_SERVICE_B = ParticipantId.of("DSVB");
    public static final ParticipantId METERING_SERVICE_A = ParticipantId.of("MSVA");
    public static final ParticipantId METERING_SERVICE_B = ParticipantId.of("MSVB");
    public static final ParticipantId REGISTRATION_SERVICE_A = ParticipantId.of("RGSA");
    public static final ParticipantId REGISTRATION_SERVICE_B = ParticipantId.of("RGSB");
    public static final ParticipantId DNO_A = ParticipantId.of("DNOA");
    public static final ParticipantId DNO_B = ParticipantId.of("DNOB");
    /** A participant with no role and no relation to anything. */
    public static final ParticipantId NOBODY_IN_PARTICULAR = ParticipantId.of("NOPE");

    public static final GspGroupId EASTERN = GspGroupId.of("_A");
    public static final GspGroupId EAST_MIDLANDS = GspGroupId.of("_B");
    public static final GspGroupId LONDON = GspGroupId.of("_C");
    public static final GspGroupId WESTERN = GspGroupId.of("_L");

    private MarketFixture() {}

    /** The MPAN whose first 12 digits are these, completed with its check digit. */
    public static Mpan mpanStartingWith(String first12Digits) {
        return Mpan.of(first12Digits + Mpan.checkDigitOf(first12Digits));
    }

    public static LocalDate day(String isoDate) {
        return LocalDate.parse(isoDate);
    }

    public static EffectivePeriod openFrom(String from) {
        return EffectivePeriod.from(day(from));
    }

    public static EffectivePeriod period(String from, String to) {
        return EffectivePeriod.between(day(from), day(to));
    }

    /** A clock stopped at {@code instant} (ISO-8601, e.g. 2026-06-15T10:00:00Z). */
    public static Clock fixedAt(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }
}
