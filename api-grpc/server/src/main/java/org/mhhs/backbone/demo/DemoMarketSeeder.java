package org.mhhs.backbone.demo;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.mhhs.backbone.hub.AxonPersistenceConfiguration;
import org.mhhs.backbone.isd.api.GrantRole;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.isd.api.RegisterGspGroup;
import org.mhhs.backbone.isd.api.RegisterParticipant;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.SettlementDate;
import org.mhhs.backbone.metering.api.Quality;
import org.mhhs.backbone.metering.api.SubmitConsumption;
import org.mhhs.backbone.registration.api.AcceptServiceAppointment;
import org.mhhs.backbone.registration.api.EnergisationStatus;
import org.mhhs.backbone.registration.api.MarketSegment;
import org.mhhs.backbone.registration.api.RegisterMeteringPoint;
import org.mhhs.backbone.registration.api.RegisterSupplier;
import org.mhhs.backbone.registration.api.RegistrationQueries;
import org.mhhs.backbone.registration.api.RequestServiceAppointment;
import org.mhhs.backbone.registration.api.ServiceRole;
import org.mhhs.bench.market.ConsumptionSubmission;
import org.mhhs.bench.market.MarketSize;
import org.mhhs.bench.market.SupplierPeriod;
import org.mhhs.bench.market.SyntheticGspGroup;
import org.mhhs.bench.market.SyntheticMarket;
import org.mhhs.bench.market.SyntheticMeteringPoint;
import org.mhhs.bench.market.SyntheticParticipant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts a synthetic market into an empty hub once it is ready: standing data as the operator, each metering point's
 * registration, supplier, appointments and change of supplier as the participants concerned, then every MPAN-day of
 * consumption as its data service. Every command goes through the aggregates, so every market rule applies; a command
 * the rules refuse stops the seeding with the rule in the log. A hub that holds anything besides its operator is
 * left alone.
 */
@Component
@ConditionalOnProperty("hub.demo.seed")
class DemoMarketSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoMarketSeeder.class);
    private static final Duration READ_MODEL_WAIT = Duration.ofMinutes(2);

    private final DemoProperties properties;
    private final CommandGateway commands;
    private final IsdQueries isd;
    private final RegistrationQueries registration;
    private final Clock clock;
    private final ParticipantId operator;

    DemoMarketSeeder(
            DemoProperties properties,
            CommandGateway commands,
            IsdQueries isd,
            RegistrationQueries registration,
            Clock clock,
            @Value("${hub.access.bootstrap-operator-id}") String operatorId) {
        this.properties = properties;
        this.commands = commands;
        this.isd = isd;
        this.registration = registration;
        this.clock = clock;
        this.operator = ParticipantId.of(operatorId);
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedInTheBackground() {
        Thread.ofPlatform().name("demo-seed").daemon().start(() -> {
            try {
                seed();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("Demo market seeding stopped: {}", e.getMessage(), e);
            }
        });
    }

    void seed() throws InterruptedException {
        LocalDate today = SettlementDate.today(clock).date();
        await("the operator " + operator, () -> isd.holdsRole(operator, MarketRole.OPERATOR, today));
        List<ParticipantId> present =
                isd.findParticipants(Optional.empty(), Optional.empty(), Optional.empty(), 2).stream()
                        .map(p -> p.participantId())
                        .toList();
        if (!present.equals(List.of(operator))) {
            log.warn(
                    "Demo market NOT seeded: hub.demo.seed is set but the hub is not empty (it holds participants "
                            + "besides the operator {}); start an empty hub to seed one",
                    operator);
            return;
        }
        MarketSize size = MarketSize.of(
                properties.participantsPerRole(),
                properties.meteringPoints(),
                properties.days(),
                today.minusDays(properties.days()));
        SyntheticMarket market = SyntheticMarket.generate(properties.seed(), size);
        log.info(
                "Seeding a demo market (seed {}): {} participants, {} metering points, consumption {} to {}",
                properties.seed(),
                market.participants().size(),
                market.meteringPoints().size(),
                size.firstDay(),
                size.lastDay());

        for (SyntheticParticipant participant : market.participants()) {
            ParticipantId id = ParticipantId.of(participant.id());
            send(operator, new RegisterParticipant(id, participant.name()));
            send(operator, new GrantRole(id, participant.role(), EffectivePeriod.from(SyntheticMarket.ROLES_FROM)));
        }
        await(
                "the participants in ISD",
                () -> market.participants().stream()
                        .allMatch(p -> isd.holdsRole(ParticipantId.of(p.id()), p.role(), today)));
        for (SyntheticGspGroup group : market.gspGroups()) {
            send(
                    operator,
                    new RegisterGspGroup(GspGroupId.of(group.id()), group.name(), ParticipantId.of(group.dnoId())));
        }
        await(
                "the GSP groups in ISD",
                () -> isd.findGspGroups().size() >= market.gspGroups().size());

        for (SyntheticMeteringPoint point : market.meteringPoints()) {
            register(point);
        }
        await(
                "the data services' appointments",
                () -> market.meteringPoints().stream()
                        .allMatch(point -> registration
                                .findResponsibility(Mpan.of(point.mpan()), size.firstDay())
                                .flatMap(r -> r.dataService())
                                .map(ParticipantId::value)
                                .filter(point.dataServiceId()::equals)
                                .isPresent()));

        long submissions = market.consumption().peek(this::submit).count();
        log.info(
                "Demo market seeded (seed {}): {} participants, {} metering points, {} consumption submissions",
                properties.seed(),
                market.participants().size(),
                market.meteringPoints().size(),
                submissions);
    }

    private void register(SyntheticMeteringPoint point) {
        Mpan mpan = Mpan.of(point.mpan());
        ParticipantId registrationService = ParticipantId.of(point.registrationServiceId());
        send(
                registrationService,
                new RegisterMeteringPoint(
                        mpan,
                        GspGroupId.of(point.gspGroupId()),
                        MarketSegment.valueOf(point.segment()),
                        EnergisationStatus.ENERGISED,
                        point.registeredFrom(),
                        registrationService));
        SupplierPeriod first = point.suppliers().getFirst();
        ParticipantId supplier = ParticipantId.of(first.supplierId());
        send(supplier, new RegisterSupplier(mpan, supplier, first.from()));
        appoint(point, supplier, ServiceRole.DATA_SERVICE, point.dataServiceId());
        appoint(point, supplier, ServiceRole.METERING_SERVICE, point.meteringServiceId());
        for (SupplierPeriod change :
                point.suppliers().subList(1, point.suppliers().size())) {
            ParticipantId gaining = ParticipantId.of(change.supplierId());
            send(gaining, new RegisterSupplier(mpan, gaining, change.from()));
        }
    }

    private void appoint(SyntheticMeteringPoint point, ParticipantId supplier, ServiceRole role, String serviceId) {
        Mpan mpan = Mpan.of(point.mpan());
        ParticipantId service = ParticipantId.of(serviceId);
        UUID appointment = UUID.nameUUIDFromBytes(
                ("demo/" + properties.seed() + "/" + mpan + "/" + role).getBytes(StandardCharsets.UTF_8));
        send(
                supplier,
                new RequestServiceAppointment(mpan, appointment, role, service, point.registeredFrom(), supplier));
        send(service, new AcceptServiceAppointment(mpan, appointment, service));
    }

    private void submit(ConsumptionSubmission submission) {
        List<SubmitConsumption.Reading> readings = new ArrayList<>();
        for (int period = 1; period <= submission.periodCount(); period++) {
            readings.add(new SubmitConsumption.Reading(
                    period,
                    Energy.ofWattHours(submission.wattHours(period)),
                    submission.estimated(period) ? Quality.ESTIMATED : Quality.ACTUAL));
        }
        ParticipantId dataService = ParticipantId.of(submission.dataServiceId());
        send(dataService, SubmitConsumption.of(Mpan.of(submission.mpan()), submission.day(), readings, dataService));
    }

    /** As the gRPC layer sends it: the acting participant in the metadata, recorded as the events' producer. */
    private void send(ParticipantId actingParticipant, Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(AxonPersistenceConfiguration.PRODUCING_PARTICIPANT, actingParticipant.value())));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + READ_MODEL_WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
