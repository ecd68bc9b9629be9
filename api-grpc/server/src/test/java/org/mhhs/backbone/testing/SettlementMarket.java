package org.mhhs.backbone.testing;

import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.newCommand;

import java.util.List;
import org.mhhs.backbone.grpc.v1.AnswerServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.GetSettlementCalendarRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.RequestServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.RunOffset;
import org.mhhs.backbone.grpc.v1.ServiceRole;
import org.mhhs.backbone.grpc.v1.SetRunScheduleRequest;
import org.mhhs.backbone.grpc.v1.SettlementRunType;
import org.mhhs.backbone.grpc.v1.SubmitConsumptionRequest;

/**
 * The market the metering, settlement, shredding and projection tests build through the API: the parties of a GSP
 * group, metering points with their supplier and data service, consumption, the run schedule.
 */
public final class SettlementMarket {

    /** SF 1, R1 2, R2 3, R3 4, RF 5 working days after the settlement day. */
    public static final List<Integer> SHORT_SCHEDULE = List.of(1, 2, 3, 4, 5);

    private final HubClient hub;
    private final Market market;

    public SettlementMarket(HubClient hub, Market market) {
        this.hub = hub;
        this.market = market;
    }

    /** Who acts in a GSP group's market: its DNO, a registration service, a supplier, a data service, an auditor. */
    public record Parties(
            String gspGroup,
            String dno,
            String registrationService,
            String supplier,
            String dataService,
            String auditor) {}

    /** New parties in {@code gspGroup} (registered with a DNO by the first test that needs the group). */
    public Parties parties(String gspGroup) {
        String dno = market.gspGroup(gspGroup).getDnoId();
        return new Parties(
                gspGroup,
                dno,
                market.participant('R', MarketRole.MARKET_ROLE_REGISTRATION_SERVICE),
                market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER),
                market.participant('A', MarketRole.MARKET_ROLE_DATA_SERVICE),
                market.participant('U', MarketRole.MARKET_ROLE_AUDITOR));
    }

    /** A metering point of the parties' supplier and data service from {@link MarketDays#meteringFrom()} on. */
    public String meteringPoint(Parties parties) {
        return meteringPoint(parties, parties.supplier());
    }

    /** A metering point of {@code supplier} with the parties' data service from {@link MarketDays#meteringFrom()}. */
    public String meteringPoint(Parties parties, String supplier) {
        return meteringPoint(
                parties.gspGroup(),
                parties.registrationService(),
                supplier,
                parties.dataService(),
                MarketDays.meteringFrom().toString());
    }

    /** A metering point in a GSP group, with its supplier and data service from {@code from} on. */
    public String meteringPoint(
            String gspGroup, String registrationService, String supplier, String dataService, String from) {
        String mpan = Market.newMpan();
        market.registration(registrationService)
                .registerMeteringPoint(Registrations.meteringPoint(mpan, gspGroup, from));
        market.registration(supplier).registerSupplier(Registrations.supplier(mpan, from));
        String appointment = await().ignoreExceptions()
                .until(
                        () -> market.registration(supplier)
                                .requestServiceAppointment(RequestServiceAppointmentRequest.newBuilder()
                                        .setHeader(newCommand())
                                        .setMpan(mpan)
                                        .setRole(ServiceRole.SERVICE_ROLE_DATA_SERVICE)
                                        .setServiceId(dataService)
                                        .setEffectiveFrom(from)
                                        .build())
                                .getAppointmentId(),
                        id -> !id.isEmpty());
        market.registration(dataService)
                .acceptServiceAppointment(AnswerServiceAppointmentRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setAppointmentId(appointment)
                        .build());
        return mpan;
    }

    /** Submits a day of 48 equal readings, once the appointment is in force; answers the version recorded. */
    public int submit(String dataService, String mpan, String day, String kwhEachPeriod) {
        SubmitConsumptionRequest request = Submissions.actualDay(mpan, day, kwhEachPeriod);
        return await().ignoreExceptions()
                .until(
                        () -> market.metering(dataService)
                                .submitConsumption(request)
                                .getVersion(),
                        version -> version > 0);
    }

    /** Sets the ISD run schedule and waits until ISD shows it. */
    public void runSchedule(List<Integer> workingDays) {
        SettlementRunType[] types = {
            SettlementRunType.SETTLEMENT_RUN_TYPE_SF,
            SettlementRunType.SETTLEMENT_RUN_TYPE_R1,
            SettlementRunType.SETTLEMENT_RUN_TYPE_R2,
            SettlementRunType.SETTLEMENT_RUN_TYPE_R3,
            SettlementRunType.SETTLEMENT_RUN_TYPE_RF
        };
        SetRunScheduleRequest.Builder request =
                SetRunScheduleRequest.newBuilder().setHeader(newCommand());
        for (int i = 0; i < types.length; i++) {
            request.addOffsets(RunOffset.newBuilder().setRunType(types[i]).setWorkingDays(workingDays.get(i)));
        }
        hub.operatorIsd().setRunSchedule(request.build());
        await().until(() -> hub
                .operatorIsd()
                .getSettlementCalendar(GetSettlementCalendarRequest.getDefaultInstance())
                .getRunScheduleList()
                .stream()
                .map(RunOffset::getWorkingDays)
                .toList()
                .equals(workingDays));
    }
}
