package org.mhhs.backbone.grpc.registration;

import static org.mhhs.backbone.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.mhhs.backbone.grpc.CallerContext;
import org.mhhs.backbone.grpc.CommandDispatcher;
import org.mhhs.backbone.grpc.CommandDispatcher.Dispatch;
import org.mhhs.backbone.grpc.CommandDispatcher.Outcome;
import org.mhhs.backbone.grpc.CommandDispatcher.Target;
import org.mhhs.backbone.grpc.DataEntitlement;
import org.mhhs.backbone.grpc.ProtoMapping;
import org.mhhs.backbone.grpc.RequestFields;
import org.mhhs.backbone.grpc.v1.AnswerServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.Appointment;
import org.mhhs.backbone.grpc.v1.AppointmentRequested;
import org.mhhs.backbone.grpc.v1.AppointmentState;
import org.mhhs.backbone.grpc.v1.ChangeMeteringPointDetailsRequest;
import org.mhhs.backbone.grpc.v1.CommandAck;
import org.mhhs.backbone.grpc.v1.EndServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.GetAppointmentRequest;
import org.mhhs.backbone.grpc.v1.GetMeteringPointRequest;
import org.mhhs.backbone.grpc.v1.GetResponsibilityRequest;
import org.mhhs.backbone.grpc.v1.GetTimelineRequest;
import org.mhhs.backbone.grpc.v1.ListServedMeteringPointsRequest;
import org.mhhs.backbone.grpc.v1.ListServedMeteringPointsResponse;
import org.mhhs.backbone.grpc.v1.MeteringPoint;
import org.mhhs.backbone.grpc.v1.MeteringPointDetails;
import org.mhhs.backbone.grpc.v1.RegisterMeteringPointRequest;
import org.mhhs.backbone.grpc.v1.RegisterSupplierRequest;
import org.mhhs.backbone.grpc.v1.RegistrationServiceGrpc;
import org.mhhs.backbone.grpc.v1.RequestServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.Responsibility;
import org.mhhs.backbone.grpc.v1.Timeline;
import org.mhhs.backbone.grpc.v1.TimelineEntry;
import org.mhhs.backbone.grpc.v1.WithdrawSupplierRegistrationRequest;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.registration.api.AcceptServiceAppointment;
import org.mhhs.backbone.registration.api.AppointmentView;
import org.mhhs.backbone.registration.api.ChangeMeteringPointDetails;
import org.mhhs.backbone.registration.api.EndServiceAppointment;
import org.mhhs.backbone.registration.api.EnergisationStatus;
import org.mhhs.backbone.registration.api.MarketSegment;
import org.mhhs.backbone.registration.api.RegisterMeteringPoint;
import org.mhhs.backbone.registration.api.RegisterSupplier;
import org.mhhs.backbone.registration.api.RegistrationQueries;
import org.mhhs.backbone.registration.api.RejectServiceAppointment;
import org.mhhs.backbone.registration.api.RequestServiceAppointment;
import org.mhhs.backbone.registration.api.ServiceRole;
import org.mhhs.backbone.registration.api.WithdrawSupplierRegistration;
import org.springframework.stereotype.Service;

@Service
class RegistrationGrpcService extends RegistrationServiceGrpc.RegistrationServiceImplBase {

    private static final int DEFAULT_PAGE_SIZE = 1000;
    private static final int MAX_PAGE_SIZE = 10_000;

    private final CommandDispatcher dispatcher;
    private final RegistrationQueries registration;
    private final DataEntitlement entitlement;

    RegistrationGrpcService(
            CommandDispatcher dispatcher, RegistrationQueries registration, DataEntitlement entitlement) {
        this.dispatcher = dispatcher;
        this.registration = registration;
        this.entitlement = entitlement;
    }

    @Override
    public void registerMeteringPoint(RegisterMeteringPointRequest request, StreamObserver<CommandAck> response) {
        dispatcher.answer(request, response, fields -> {
            Mpan mpan = fields.mpan("mpan", request.getMpan());
            GspGroupId gspGroup = fields.gspGroupId("gsp_group_id", request.getGspGroupId());
            MarketSegment segment = fields.segment("segment", request.getSegment(), true);
            EnergisationStatus energisation = fields.energisation("energisation", request.getEnergisation(), true);
            LocalDate from = fields.date("effective_from", request.getEffectiveFrom());
            return () -> new Dispatch<>(
                    new RegisterMeteringPoint(mpan, gspGroup, segment, energisation, from, caller()),
                    meteringPoint(mpan));
        });
    }

    @Override
    public void changeMeteringPointDetails(
            ChangeMeteringPointDetailsRequest request, StreamObserver<CommandAck> response) {
        dispatcher.answer(request, response, fields -> {
            Mpan mpan = fields.mpan("mpan", request.getMpan());
            GspGroupId gspGroup = request.getGspGroupId().isEmpty()
                    ? null
                    : fields.gspGroupId("gsp_group_id", request.getGspGroupId());
            MarketSegment segment = fields.segment("segment", request.getSegment(), false);
            EnergisationStatus energisation = fields.energisation("energisation", request.getEnergisation(), false);
            LocalDate from = fields.date("effective_from", request.getEffectiveFrom());
            if (request.getGspGroupId().isEmpty()
                    && request.getSegment() == org.mhhs.backbone.grpc.v1.MarketSegment.MARKET_SEGMENT_UNSPECIFIED
                    && request.getEnergisation()
                            == org.mhhs.backbone.grpc.v1.EnergisationStatus.ENERGISATION_STATUS_UNSPECIFIED) {
                fields.violation(
                        "gsp_group_id", "name at least one of gsp_group_id, segment and energisation to change");
            }
            return () -> new Dispatch<>(
                    new ChangeMeteringPointDetails(mpan, gspGroup, segment, energisation, from, caller()),
                    meteringPoint(mpan));
        });
    }

    @Override
    public void registerSupplier(RegisterSupplierRequest request, StreamObserver<CommandAck> response) {
        dispatcher.answer(request, response, fields -> {
            Mpan mpan = fields.mpan("mpan", request.getMpan());
            LocalDate from = fields.date("effective_from", request.getEffectiveFrom());
            return () -> new Dispatch<>(new RegisterSupplier(mpan, caller(), from), meteringPoint(mpan));
        });
    }

    /**
     * The appointment id is random, so that no one can guess another supplier's appointments; the command answers it
     * and the dispatcher records it with the command id, so a resent request answers the same id.
     */
    @Override
    public void withdrawSupplierRegistration(
            WithdrawSupplierRegistrationRequest request, StreamObserver<CommandAck> response) {
        dispatcher.answer(request, response, fields -> {
            Mpan mpan = fields.mpan("mpan", request.getMpan());
            LocalDate from = fields.date("effective_from", request.getEffectiveFrom());
            return () -> new Dispatch<>(new WithdrawSupplierRegistration(mpan, from, caller()), meteringPoint(mpan));
        });
    }

    @Override
    public void requestServiceAppointment(
            RequestServiceAppointmentRequest request, StreamObserver<AppointmentRequested> response) {
        UUID appointmentId = UUID.randomUUID();
        Outcome outcome = dispatcher.send(request, fields -> {
            Mpan mpan = fields.mpan("mpan", request.getMpan());
            ServiceRole role = fields.serviceRole("role", request.getRole());
            ParticipantId service = fields.participantId("service_id", request.getServiceId());
            LocalDate from = fields.date("effective_from", request.getEffectiveFrom());
            return () -> new Dispatch<>(
                    new RequestServiceAppointment(mpan, appointmentId, role, service, from, caller()),
                    meteringPoint(mpan));
        });
        reply(
                response,
                outcome.into(AppointmentRequested.newBuilder())
                        .setAppointmentId(answered(outcome, appointmentId))
                        .build());
    }

    /**
     * The id the command answered (the first request's, for a resent one). A request recorded before ids were random
     * answered nothing: its id was derived from the caller and the command id, and is derived again.
     */
    private static String answered(Outcome outcome, UUID requested) {
        if (!outcome.result().isEmpty()) {
            return outcome.result();
        }
        if (!outcome.duplicate()) {
            return requested.toString();
        }
        return UUID.nameUUIDFromBytes((caller() + "/" + outcome.commandId()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    @Override
    public void acceptServiceAppointment(AnswerServiceAppointmentRequest request, StreamObserver<CommandAck> response) {
        dispatcher.answer(request, response, fields -> {
            Mpan mpan = fields.mpan("mpan", request.getMpan());
            UUID appointmentId = fields.uuid("appointment_id", request.getAppointmentId());
            return () ->
                    new Dispatch<>(new AcceptServiceAppointment(mpan, appointmentId, caller()), meteringPoint(mpan));
        });
    }

    @Override
    public void rejectServiceAppointment(AnswerServiceAppointmentRequest request, StreamObserver<CommandAck> response) {
        dispatcher.answer(request, response, fields -> {
            Mpan mpan = fields.mpan("mpan", request.getMpan());
            UUID appointmentId = fields.uuid("appointment_id", request.getAppointmentId());
            String reason = fields.text("reason", request.getReason(), 200, true);
            return () -> new Dispatch<>(
                    new RejectServiceAppointment(mpan, appointmentId, caller(), reason.strip()), meteringPoint(mpan));
        });
    }

    @Override
    public void endServiceAppointment(EndServiceAppointmentRequest request, StreamObserver<CommandAck> response) {
        dispatcher.answer(request, response, fields -> {
            Mpan mpan = fields.mpan("mpan", request.getMpan());
            ServiceRole role = fields.serviceRole("role", request.getRole());
            LocalDate lastDay = fields.date("last_day", request.getLastDay());
            return () -> new Dispatch<>(new EndServiceAppointment(mpan, role, lastDay, caller()), meteringPoint(mpan));
        });
    }

    @Override
    public void getMeteringPoint(GetMeteringPointRequest request, StreamObserver<MeteringPoint> response) {
        RequestFields fields = new RequestFields();
        Mpan mpan = fields.mpan("mpan", request.getMpan());
        fields.validate();
        var access = entitlement.meteringPoint(caller(), mpan);
        MeteringPoint.Builder answer = MeteringPoint.newBuilder()
                .setMpan(mpan.value())
                .setRegistrationServiceId(access.point().registrationService().value());
        access.visibleDetails()
                .forEach(dated -> answer.addDetails(MeteringPointDetails.newBuilder()
                        .setEffectiveFrom(dated.period().from().toString())
                        .setEffectiveTo(ProtoMapping.date(dated.period().to()))
                        .setGspGroupId(dated.details().gspGroupId().value())
                        .setSegment(ProtoMapping.segment(dated.details().segment()))
                        .setEnergisation(
                                ProtoMapping.energisation(dated.details().energisation()))));
        reply(response, answer.build());
    }

    @Override
    public void getResponsibility(GetResponsibilityRequest request, StreamObserver<Responsibility> response) {
        RequestFields fields = new RequestFields();
        Mpan mpan = fields.mpan("mpan", request.getMpan());
        LocalDate date = fields.date("date", request.getDate());
        fields.validate();
        entitlement.checkDay(caller(), mpan, date);
        var responsibility = registration
                .findResponsibility(mpan, date)
                .orElseThrow(() -> RuleViolation.notFound(
                        "MeteringPointNotRegisteredOnDate", mpan.value(), mpan + " is not registered on " + date));
        reply(
                response,
                Responsibility.newBuilder()
                        .setMpan(mpan.value())
                        .setDate(date.toString())
                        .setGspGroupId(responsibility.gspGroupId().value())
                        .setSegment(ProtoMapping.segment(responsibility.segment()))
                        .setEnergisation(ProtoMapping.energisation(responsibility.energisation()))
                        .setSupplierId(responsibility
                                .supplier()
                                .map(ParticipantId::value)
                                .orElse(""))
                        .setDataServiceId(responsibility
                                .dataService()
                                .map(ParticipantId::value)
                                .orElse(""))
                        .setMeteringServiceId(responsibility
                                .meteringService()
                                .map(ParticipantId::value)
                                .orElse(""))
                        .build());
    }

    @Override
    public void getTimeline(GetTimelineRequest request, StreamObserver<Timeline> response) {
        RequestFields fields = new RequestFields();
        Mpan mpan = fields.mpan("mpan", request.getMpan());
        fields.validate();
        Timeline.Builder answer = Timeline.newBuilder().setMpan(mpan.value());
        entitlement
                .meteringPoint(caller(), mpan)
                .visibleTimeline()
                .forEach(entry -> answer.addEntries(TimelineEntry.newBuilder()
                        .setRole(ProtoMapping.role(entry.role()))
                        .setParticipantId(entry.participant().value())
                        .setEffectiveFrom(entry.period().from().toString())
                        .setEffectiveTo(ProtoMapping.date(entry.period().to()))));
        reply(response, answer.build());
    }

    @Override
    public void listServedMeteringPoints(
            ListServedMeteringPointsRequest request, StreamObserver<ListServedMeteringPointsResponse> response) {
        RequestFields fields = new RequestFields();
        ParticipantId participant = fields.participantId("participant_id", request.getParticipantId());
        MarketRole role = fields.role("role", request.getRole());
        LocalDate date = fields.date("date", request.getDate());
        Optional<Mpan> after = request.getPageToken().isEmpty()
                ? Optional.empty()
                : Optional.ofNullable(fields.mpan("page_token", request.getPageToken()));
        int pageSize = fields.pageSize("page_size", request.getPageSize(), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        fields.validate();
        entitlement.checkServedBy(caller(), participant);
        List<Mpan> page = registration.findServedBy(participant, role, date, after, pageSize + 1);
        ListServedMeteringPointsResponse.Builder answer = ListServedMeteringPointsResponse.newBuilder();
        page.stream().limit(pageSize).forEach(mpan -> answer.addMpans(mpan.value()));
        if (page.size() > pageSize) {
            answer.setNextPageToken(page.get(pageSize - 1).value());
        }
        reply(response, answer.build());
    }

    @Override
    public void getAppointment(GetAppointmentRequest request, StreamObserver<Appointment> response) {
        RequestFields fields = new RequestFields();
        UUID appointmentId = fields.uuid("appointment_id", request.getAppointmentId());
        fields.validate();
        AppointmentView appointment = entitlement
                .appointment(caller(), appointmentId, registration.findAppointment(appointmentId))
                .orElseThrow(() -> RuleViolation.notFound(
                        "AppointmentMustExist", appointmentId.toString(), "there is no appointment " + appointmentId));
        reply(
                response,
                Appointment.newBuilder()
                        .setAppointmentId(appointment.appointmentId().toString())
                        .setMpan(appointment.mpan().value())
                        .setRole(ProtoMapping.serviceRole(appointment.role()))
                        .setServiceId(appointment.service().value())
                        .setSupplierId(appointment.supplier().value())
                        .setEffectiveFrom(appointment.effectiveFrom().toString())
                        .setState(AppointmentState.valueOf(
                                "APPOINTMENT_STATE_" + appointment.state().name()))
                        .setRespondBy(appointment.respondBy().toString())
                        .setReason(appointment.reason() == null ? "" : appointment.reason())
                        .build());
    }

    private static ParticipantId caller() {
        return CallerContext.participant();
    }

    private static Target meteringPoint(Mpan mpan) {
        return new Target("metering point " + mpan);
    }
}
