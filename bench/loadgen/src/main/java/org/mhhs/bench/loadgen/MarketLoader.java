package org.mhhs.bench.loadgen;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.mhhs.backbone.grpc.v1.AnswerServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.CommandHeader;
import org.mhhs.backbone.grpc.v1.EnergisationStatus;
import org.mhhs.backbone.grpc.v1.GetParticipantRequest;
import org.mhhs.backbone.grpc.v1.GrantRoleRequest;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.ListGspGroupsRequest;
import org.mhhs.backbone.grpc.v1.ListServedMeteringPointsRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.MarketSegment;
import org.mhhs.backbone.grpc.v1.RegisterGspGroupRequest;
import org.mhhs.backbone.grpc.v1.RegisterMeteringPointRequest;
import org.mhhs.backbone.grpc.v1.RegisterParticipantRequest;
import org.mhhs.backbone.grpc.v1.RegisterSupplierRequest;
import org.mhhs.backbone.grpc.v1.RegistrationServiceGrpc;
import org.mhhs.backbone.grpc.v1.RequestServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.ServiceRole;
import org.mhhs.bench.market.SupplierPeriod;
import org.mhhs.bench.market.SyntheticGspGroup;
import org.mhhs.bench.market.SyntheticMarket;
import org.mhhs.bench.market.SyntheticMeteringPoint;
import org.mhhs.bench.market.SyntheticParticipant;

/**
 * Puts a synthetic market into an empty hub through its gRPC API, as the operator and the participants would:
 * standing data, then each metering point's registration, supplier, appointments and change of supplier.
 */
final class MarketLoader {

    private final HubConnection hub;
    private final SyntheticMarket market;

    MarketLoader(HubConnection hub, SyntheticMarket market) {
        this.hub = hub;
        this.market = market;
    }

    void load(Report report) throws Exception {
        long start = System.nanoTime();
        IsdServiceGrpc.IsdServiceBlockingStub isd = hub.asOperator(IsdServiceGrpc::newBlockingStub);
        parallel(market.participants(), participant -> {
            isd.registerParticipant(RegisterParticipantRequest.newBuilder()
                    .setHeader(command("p-" + participant.id()))
                    .setParticipantId(participant.id())
                    .setName(participant.name())
                    .build());
            isd.grantRole(GrantRoleRequest.newBuilder()
                    .setHeader(command("r-" + participant.id()))
                    .setParticipantId(participant.id())
                    .setRole(protoRole(participant))
                    .setEffectiveFrom(SyntheticMarket.ROLES_FROM.toString())
                    .build());
        });
        SyntheticParticipant last = market.participants().getLast();
        await(
                "the participants in ISD",
                () -> market.participants().stream()
                        .allMatch(p -> isd.getParticipant(GetParticipantRequest.newBuilder()
                                                .setParticipantId(p.id())
                                                .build())
                                        .getRolesCount()
                                == 1));
        for (SyntheticGspGroup group : market.gspGroups()) {
            isd.registerGspGroup(RegisterGspGroupRequest.newBuilder()
                    .setHeader(command("g-" + group.id()))
                    .setGspGroupId(group.id())
                    .setName(group.name())
                    .setDnoId(group.dnoId())
                    .build());
        }
        await(
                "the GSP groups in ISD",
                () -> isd.listGspGroups(ListGspGroupsRequest.getDefaultInstance())
                                .getGspGroupsCount()
                        >= market.gspGroups().size());
        report.say(
                "standing data: %d participants (last %s), %d GSP groups",
                market.participants().size(), last.id(), market.gspGroups().size());

        parallel(market.meteringPoints(), this::register);
        Map<String, Long> servedBy = market.meteringPoints().stream()
                .collect(Collectors.groupingBy(SyntheticMeteringPoint::dataServiceId, Collectors.counting()));
        LocalDate firstDay = market.size().firstDay();
        await(
                "the appointments in the registration read model",
                () -> servedBy.entrySet().stream()
                        .allMatch(served -> served(served.getKey(), firstDay) == served.getValue()));
        double seconds = (System.nanoTime() - start) / 1e9;
        report.say(
                "market loaded through gRPC: %,d metering points with supplier, data and metering service (%d "
                        + "changes of supplier) in %.1f s",
                market.meteringPoints().size(),
                market.meteringPoints().stream()
                        .filter(p -> p.suppliers().size() > 1)
                        .count(),
                seconds);
        report.figure("setup.metering_points", market.meteringPoints().size());
        report.figure("setup.seconds", seconds);
    }

    private void register(SyntheticMeteringPoint point) {
        String mpan = point.mpan();
        SupplierPeriod first = point.suppliers().getFirst();
        hub.as(point.registrationServiceId(), point.index(), RegistrationServiceGrpc::newBlockingStub)
                .registerMeteringPoint(RegisterMeteringPointRequest.newBuilder()
                        .setHeader(command("mp-" + mpan))
                        .setMpan(mpan)
                        .setGspGroupId(point.gspGroupId())
                        .setSegment(MarketSegment.valueOf("MARKET_SEGMENT_" + point.segment()))
                        .setEnergisation(EnergisationStatus.ENERGISATION_STATUS_ENERGISED)
                        .setEffectiveFrom(point.registeredFrom().toString())
                        .build());
        RegistrationServiceGrpc.RegistrationServiceBlockingStub supplier =
                hub.as(first.supplierId(), point.index(), RegistrationServiceGrpc::newBlockingStub);
        supplier.registerSupplier(RegisterSupplierRequest.newBuilder()
                .setHeader(command("s-" + mpan))
                .setMpan(mpan)
                .setEffectiveFrom(first.from().toString())
                .build());
        appoint(point, supplier, ServiceRole.SERVICE_ROLE_DATA_SERVICE, point.dataServiceId());
        appoint(point, supplier, ServiceRole.SERVICE_ROLE_METERING_SERVICE, point.meteringServiceId());
        for (SupplierPeriod change :
                point.suppliers().subList(1, point.suppliers().size())) {
            hub.as(change.supplierId(), point.index(), RegistrationServiceGrpc::newBlockingStub)
                    .registerSupplier(RegisterSupplierRequest.newBuilder()
                            .setHeader(command("cos-" + mpan))
                            .setMpan(mpan)
                            .setEffectiveFrom(change.from().toString())
                            .build());
        }
    }

    private void appoint(
            SyntheticMeteringPoint point,
            RegistrationServiceGrpc.RegistrationServiceBlockingStub supplier,
            ServiceRole role,
            String serviceId) {
        String appointment = supplier.requestServiceAppointment(RequestServiceAppointmentRequest.newBuilder()
                        .setHeader(command("a-" + role.getNumber() + "-" + point.mpan()))
                        .setMpan(point.mpan())
                        .setRole(role)
                        .setServiceId(serviceId)
                        .setEffectiveFrom(point.registeredFrom().toString())
                        .build())
                .getAppointmentId();
        hub.as(serviceId, point.index(), RegistrationServiceGrpc::newBlockingStub)
                .acceptServiceAppointment(AnswerServiceAppointmentRequest.newBuilder()
                        .setHeader(command("aa-" + role.getNumber() + "-" + point.mpan()))
                        .setMpan(point.mpan())
                        .setAppointmentId(appointment)
                        .build());
    }

    private long served(String dataServiceId, LocalDate day) {
        RegistrationServiceGrpc.RegistrationServiceBlockingStub registration =
                hub.asOperator(RegistrationServiceGrpc::newBlockingStub);
        long count = 0;
        String page = "";
        do {
            var response = registration.listServedMeteringPoints(ListServedMeteringPointsRequest.newBuilder()
                    .setParticipantId(dataServiceId)
                    .setRole(MarketRole.MARKET_ROLE_DATA_SERVICE)
                    .setDate(day.toString())
                    .setPageSize(10_000)
                    .setPageToken(page)
                    .build());
            count += response.getMpansCount();
            page = response.getNextPageToken();
        } while (!page.isEmpty());
        return count;
    }

    static CommandHeader command(String id) {
        return CommandHeader.newBuilder().setCommandId(id).build();
    }

    static MarketRole protoRole(SyntheticParticipant participant) {
        return MarketRole.valueOf("MARKET_ROLE_" + participant.role().name());
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, condition, Duration.ofMinutes(10));
    }

    static void await(String what, BooleanSupplier condition, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static <T> void parallel(List<T> items, Consumer<T> action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> action.accept(item)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }
}
