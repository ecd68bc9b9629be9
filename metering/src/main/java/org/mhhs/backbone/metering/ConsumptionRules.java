package org.mhhs.backbone.metering;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.kernel.SettlementDate;
import org.mhhs.backbone.metering.api.SubmitConsumption;
import org.mhhs.backbone.registration.api.RegistrationQueries;
import org.mhhs.backbone.registration.api.ResponsibilityView;

/** What a consumption submission must satisfy before it is recorded. */
final class ConsumptionRules {

    static final String DAY_MUST_HAVE_ENDED = "SettlementDayMustHaveEnded";
    static final String WITHIN_DISPUTE_WINDOW = "WithinFinalDisputeWindow";
    static final String PERIOD_COUNT = "PeriodCountOfTheDay";
    static final String EACH_PERIOD_ONCE = "EachPeriodOnce";
    static final String NON_NEGATIVE = "ConsumptionNonNegative";
    static final String PLAUSIBLE = "ConsumptionPlausible";
    static final String REGISTERED_ON_DAY = "MeteringPointRegisteredOnDay";
    static final String APPOINTED_DATA_SERVICE = "OnlyTheAppointedDataServiceMaySubmit";
    static final String SUPPLIER_IN_FORCE = "SupplierInForceOnDay";
    static final String SHREDDED_IS_CLOSED = "ShreddedConsumptionIsClosed";

    /** Used when ISD sets no final dispute window: the market's final dispute run is some 28 months on. */
    static final int DEFAULT_DISPUTE_WINDOW_MONTHS = 28;
    /** Above this a half-hour reading of one MPAN is taken for an error (a large site draws a few MWh at most). */
    static final Energy MAX_PLAUSIBLE_PER_PERIOD = Energy.ofKwh("10000");

    private ConsumptionRules() {}

    /**
     * The readings of the latest version, which a revision is compared with; a day whose readings were shredded
     * stays as it is (nothing could tell a revision from a repetition, and settlement could not take it out).
     */
    static List<SubmitConsumption.Reading> notShredded(
            Optional<List<SubmitConsumption.Reading>> latest, String consumptionDayId) {
        return latest.orElseThrow(() -> RuleViolation.precondition(
                SHREDDED_IS_CLOSED,
                consumptionDayId,
                "the consumption of " + consumptionDayId + " was shredded: it can no longer be revised"));
    }

    static void settlementDayInWindow(LocalDate day, IsdQueries isd, Clock clock) {
        LocalDate today = SettlementDate.today(clock).date();
        if (!day.isBefore(today)) {
            throw RuleViolation.invalid(
                    DAY_MUST_HAVE_ENDED,
                    "settlement_date",
                    "the settlement day " + day + " has not ended yet (today is " + today + ")");
        }
        int months = isd.findFinalDisputeWindowMonths().orElse(DEFAULT_DISPUTE_WINDOW_MONTHS);
        LocalDate oldest = today.minusMonths(months);
        if (day.isBefore(oldest)) {
            throw RuleViolation.invalid(
                    WITHIN_DISPUTE_WINDOW,
                    "settlement_date",
                    "the settlement day " + day + " is past the final dispute window of " + months
                            + " months (the oldest day open is " + oldest + ")");
        }
    }

    /** The readings in period order, exactly one for each period of the day. */
    static List<SubmitConsumption.Reading> onePerPeriod(LocalDate day, List<SubmitConsumption.Reading> readings) {
        int expected = SettlementDate.of(day).periodCount();
        if (readings.size() != expected) {
            throw RuleViolation.invalid(
                    PERIOD_COUNT,
                    "readings",
                    day + " has " + expected + " settlement periods" + (expected == 48 ? "" : " (a clock change day)")
                            + "; " + readings.size() + " readings were sent");
        }
        BitSet seen = new BitSet(expected + 1);
        for (SubmitConsumption.Reading reading : readings) {
            if (reading.period() < 1 || reading.period() > expected) {
                throw RuleViolation.invalid(
                        EACH_PERIOD_ONCE,
                        "readings",
                        "period " + reading.period() + " does not exist on " + day + " (1 to " + expected + ")");
            }
            if (seen.get(reading.period())) {
                throw RuleViolation.invalid(
                        EACH_PERIOD_ONCE, "readings", "period " + reading.period() + " has more than one reading");
            }
            seen.set(reading.period());
        }
        List<SubmitConsumption.Reading> ordered = new ArrayList<>(readings);
        ordered.sort(Comparator.comparingInt(SubmitConsumption.Reading::period));
        return ordered;
    }

    static void plausible(List<SubmitConsumption.Reading> readings) {
        for (SubmitConsumption.Reading reading : readings) {
            if (reading.energy().isNegative()) {
                throw RuleViolation.invalid(
                        NON_NEGATIVE,
                        "readings",
                        "period " + reading.period() + " has " + reading.energy()
                                + " kWh; consumption is never negative");
            }
            if (reading.energy().compareTo(MAX_PLAUSIBLE_PER_PERIOD) > 0) {
                throw RuleViolation.invalid(
                        PLAUSIBLE,
                        "readings",
                        "period " + reading.period() + " has "
                                + reading.energy() + " kWh; more than " + MAX_PLAUSIBLE_PER_PERIOD
                                + " kWh in half an hour "
                                + "is not plausible for one metering point");
            }
        }
    }

    static ResponsibilityView registeredOn(Mpan mpan, LocalDate day, RegistrationQueries registration) {
        return registration
                .findResponsibility(mpan, day)
                .orElseThrow(() -> RuleViolation.notFound(
                        REGISTERED_ON_DAY, mpan.value(), "metering point " + mpan + " is not registered on " + day));
    }

    static void appointedDataService(ResponsibilityView responsible, ParticipantId submittedBy) {
        if (responsible.dataService().filter(submittedBy::equals).isEmpty()) {
            throw RuleViolation.forbidden(
                    APPOINTED_DATA_SERVICE,
                    responsible.mpan() + "/" + responsible.day(),
                    submittedBy + " is not the data service appointed for " + responsible.mpan() + " on "
                            + responsible.day()
                            + responsible
                                    .dataService()
                                    .map(d -> " (" + d + " is)")
                                    .orElse(" (no data service is appointed)"));
        }
    }

    static void supplierInForce(ResponsibilityView responsible) {
        if (responsible.supplier().isEmpty()) {
            throw RuleViolation.precondition(
                    SUPPLIER_IN_FORCE,
                    responsible.mpan() + "/" + responsible.day(),
                    "no supplier is registered for " + responsible.mpan() + " on " + responsible.day());
        }
    }
}
