package org.mhhs.backbone.grpc.isd;

import static org.mhhs.backbone.grpc.Replies.reply;

import com.google.protobuf.Duration;
import io.grpc.stub.StreamObserver;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mhhs.backbone.grpc.CommandDispatcher;
import org.mhhs.backbone.grpc.CommandDispatcher.Dispatch;
import org.mhhs.backbone.grpc.CommandDispatcher.Target;
import org.mhhs.backbone.grpc.ProtoMapping;
import org.mhhs.backbone.grpc.RequestFields;
import org.mhhs.backbone.grpc.v1.AddBankHolidayRequest;
import org.mhhs.backbone.grpc.v1.BankHoliday;
import org.mhhs.backbone.grpc.v1.ChangeGspGroupDnoRequest;
import org.mhhs.backbone.grpc.v1.CommandAck;
import org.mhhs.backbone.grpc.v1.GetParticipantRequest;
import org.mhhs.backbone.grpc.v1.GetSettlementCalendarRequest;
import org.mhhs.backbone.grpc.v1.GrantRoleRequest;
import org.mhhs.backbone.grpc.v1.GspGroup;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.ListGspGroupsRequest;
import org.mhhs.backbone.grpc.v1.ListGspGroupsResponse;
import org.mhhs.backbone.grpc.v1.ListParticipantsRequest;
import org.mhhs.backbone.grpc.v1.ListParticipantsResponse;
import org.mhhs.backbone.grpc.v1.ListRunsDueRequest;
import org.mhhs.backbone.grpc.v1.ListRunsDueResponse;
import org.mhhs.backbone.grpc.v1.Participant;
import org.mhhs.backbone.grpc.v1.RegisterGspGroupRequest;
import org.mhhs.backbone.grpc.v1.RegisterParticipantRequest;
import org.mhhs.backbone.grpc.v1.RemoveBankHolidayRequest;
import org.mhhs.backbone.grpc.v1.RevokeRoleRequest;
import org.mhhs.backbone.grpc.v1.RunDue;
import org.mhhs.backbone.grpc.v1.RunOffset;
import org.mhhs.backbone.grpc.v1.SetAppointmentResponseTimeoutRequest;
import org.mhhs.backbone.grpc.v1.SetChangeOfSupplierHorizonRequest;
import org.mhhs.backbone.grpc.v1.SetFinalDisputeWindowRequest;
import org.mhhs.backbone.grpc.v1.SetRunScheduleRequest;
import org.mhhs.backbone.grpc.v1.SettlementCalendar;
import org.mhhs.backbone.isd.api.AddBankHoliday;
import org.mhhs.backbone.isd.api.ChangeAppointmentResponseTimeout;
import org.mhhs.backbone.isd.api.ChangeFinalDisputeWindow;
import org.mhhs.backbone.isd.api.ChangeGspGroupDno;
import org.mhhs.backbone.isd.api.ChangeRunSchedule;
import org.mhhs.backbone.isd.api.GrantRole;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.isd.api.ParticipantView;
import org.mhhs.backbone.isd.api.RegisterGspGroup;
import org.mhhs.backbone.isd.api.RegisterParticipant;
import org.mhhs.backbone.isd.api.RemoveBankHoliday;
import org.mhhs.backbone.isd.api.RevokeRole;
import org.mhhs.backbone.isd.api.SetChangeOfSupplierHorizon;
import org.mhhs.backbone.isd.api.SettlementCalendarView;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;
import org.springframework.stereotype.Service;

@Service
class IsdGrpcService extends IsdServiceGrpc.IsdServiceImplBase {

    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final int MAX_PAGE_SIZE = 1000;

    private final CommandDispatcher dispatcher;
    private final IsdQueries isd;

    IsdGrpcService(CommandDispatcher dispatcher, IsdQueries isd) {
        this.dispatcher = dispatcher;
        this.isd = isd;
    }

    @Override
    public void registerParticipant(RegisterParticipantRequest request, StreamObserver<CommandAck> response) {
        dispatcher.answer(request, response, fields -> {
            ParticipantId id = fields.participantId("participant_id", request.getParticipantId());
            String name = fields.text("name", request.getName(), 100, true);
            return () -> new Dispatch<>(new RegisterParticipant(id, name), participant(id));
        });
    }

    @Override
    public void grantRole(GrantRoleRequest request, StreamObserver<CommandAck> response) {
        dispatcher.answer(request, response, fields -> {
            ParticipantId id = fields.participantId("participant_id", request.getParticipantId());
            MarketRole role = fields.role("role", request.getRole());
            LocalDate from = fields.date("effective_from", request.getEffectiveFrom());
            LocalDate to = fields.optionalDate("effective_to", request.getEffectiveTo());
            if (from != null && to != null && to.isBefore(from)) {
                fields.violation("effective_to", "the last day " + to + " is before the first day " + from);
            }
            return () -> new Dispatch<>(
                    new GrantRole(
                            id, role, to == null ? EffectivePeriod.from(from) : EffectivePeriod.between(from, to)),
                    participant(id));
        });
    }

    @Override
    public void revokeRole(RevokeRoleRequest request, StreamObserver<CommandAck> response) {
        dispatcher.answer(request, response, fields -> {
            ParticipantId id = fields.participantId("participant_id", request.getParticipantId());
            MarketRole role = fields.role("role", request.getRole());
            LocalDate lastDay = fields.date("last_day", request.getLastDay());
            return () -> new Dispatch<>(new RevokeRole(id, role, lastDay), participant(id));
        });
    }

    @Override
    public void registerGspGroup(RegisterGspGroupRequest request, StreamObserver<CommandAck> response) {
        dispatcher.answer(request, response, fields -> {
            GspGroupId id = fields.gspGroupId("gsp_group_id", request.getGspGroupId());
            String name = fields.text("name", request.getName(), 100, true);
            ParticipantId dno = fields.participantId("dno_id", request.getDnoId());
            return () -> new Dispatch<>(new RegisterGspGroup(id, name, dno), gspGroup(id));
        });
    }

    @Override
    public void changeGspGroupDno(ChangeGspGroupDnoRequest request, StreamObserver<CommandAck> response) {
        dispatcher.answer(request, response, fields -> {
            GspGroupId id = fields.gspGroupId("gsp_group_id", request.getGspGroupId());
            ParticipantId dno = fields.participantId("dno_id", request.getDnoId());
            LocalDate from = fields.date("effective_from", request.getEffectiveFrom());
            return () -> new Dispatch<>(new ChangeGspGroupDno(id, dno, from), gspGroup(id));
        });
    }

    @Override
    public void addBankHoliday(AddBankHolidayRequest request, StreamObserver<CommandAck> response) {
        dispatcher.answer(request, response, fields -> {
            LocalDate date = fields.date("date", request.getDate());
            String name = fields.text("name", request.getName(), 100, true);
            return () -> new Dispatch<>(new AddBankHoliday(date, name), calendar());
        });
    }

    @Override
    public void removeBankHoliday(RemoveBankHolidayRequest request, StreamObserver<CommandAck> response) {
        dispatcher.answer(request, response, fields -> {
            LocalDate date = fields.date("date", request.getDate());
            return () -> new Dispatch<>(new RemoveBankHoliday(date), calendar());
        });
    }

    @Override
    public void setRunSchedule(SetRunScheduleRequest request, StreamObserver<CommandAck> response) {
        dispatcher.answer(request, response, fields -> {
            Map<SettlementRunType, Integer> schedule = new EnumMap<>(SettlementRunType.class);
            for (int i = 0; i < request.getOffsetsCount(); i++) {
                RunOffset offset = request.getOffsets(i);
                SettlementRunType type = fields.runType("offsets[" + i + "].run_type", offset.getRunType());
                if (type != null && schedule.put(type, offset.getWorkingDays()) != null) {
                    fields.violation("offsets[" + i + "].run_type", type + " appears more than once");
                }
            }
            return () -> new Dispatch<>(new ChangeRunSchedule(schedule), calendar());
        });
    }

    @Override
    public void setAppointmentResponseTimeout(
            SetAppointmentResponseTimeoutRequest request, StreamObserver<CommandAck> response) {
        dispatcher.answer(request, response, fields -> {
            if (!request.hasTimeout()) {
                fields.violation("timeout", "a time-out is required");
            } else if (request.getTimeout().getNanos() < 0
                    || request.getTimeout().getNanos() > 999_999_999) {
                fields.violation("timeout", "nanos must be 0 to 999999999");
            }
            Duration timeout = request.getTimeout();
            return () -> new Dispatch<>(
                    new ChangeAppointmentResponseTimeout(
                            java.time.Duration.ofSeconds(timeout.getSeconds(), timeout.getNanos())),
                    calendar());
        });
    }

    @Override
    public void setFinalDisputeWindow(SetFinalDisputeWindowRequest request, StreamObserver<CommandAck> response) {
        dispatcher.answer(
                request,
                response,
                fields -> () -> new Dispatch<>(new ChangeFinalDisputeWindow(request.getMonths()), calendar()));
    }

    @Override
    public void setChangeOfSupplierHorizon(
            SetChangeOfSupplierHorizonRequest request, StreamObserver<CommandAck> response) {
        dispatcher.answer(
                request,
                response,
                fields -> () -> new Dispatch<>(new SetChangeOfSupplierHorizon(request.getDays()), calendar()));
    }

    @Override
    public void getParticipant(GetParticipantRequest request, StreamObserver<Participant> response) {
        RequestFields fields = new RequestFields();
        ParticipantId id = fields.participantId("participant_id", request.getParticipantId());
        LocalDate asAt = fields.optionalDate("as_at", request.getAsAt());
        fields.validate();
        ParticipantView view = isd.findParticipant(id)
                .orElseThrow(() -> RuleViolation.notFound(
                        "ParticipantNotFound", id.value(), "participant " + id + " is not registered"));
        reply(response, participant(asAt == null ? view : view.rolesAsAt(asAt)));
    }

    @Override
    public void listParticipants(ListParticipantsRequest request, StreamObserver<ListParticipantsResponse> response) {
        RequestFields fields = new RequestFields();
        Optional<MarketRole> role = request.getRole() == org.mhhs.backbone.grpc.v1.MarketRole.MARKET_ROLE_UNSPECIFIED
                ? Optional.empty()
                : Optional.ofNullable(fields.role("role", request.getRole()));
        Optional<LocalDate> asAt = Optional.ofNullable(fields.optionalDate("as_at", request.getAsAt()));
        Optional<ParticipantId> after = request.getPageToken().isEmpty()
                ? Optional.empty()
                : Optional.ofNullable(fields.participantId("page_token", request.getPageToken()));
        int pageSize = fields.pageSize("page_size", request.getPageSize(), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        fields.validate();
        List<ParticipantView> page = isd.findParticipants(role, asAt, after, pageSize + 1);
        ListParticipantsResponse.Builder answer = ListParticipantsResponse.newBuilder();
        page.stream().limit(pageSize).forEach(view -> answer.addParticipants(participant(view)));
        if (page.size() > pageSize) {
            answer.setNextPageToken(page.get(pageSize - 1).participantId().value());
        }
        reply(response, answer.build());
    }

    @Override
    public void listGspGroups(ListGspGroupsRequest request, StreamObserver<ListGspGroupsResponse> response) {
        ListGspGroupsResponse.Builder answer = ListGspGroupsResponse.newBuilder();
        isd.findGspGroups()
                .forEach(group -> answer.addGspGroups(GspGroup.newBuilder()
                        .setGspGroupId(group.gspGroupId().value())
                        .setName(group.name())
                        .setDnoId(group.dnoId().value())));
        reply(response, answer.build());
    }

    @Override
    public void getSettlementCalendar(
            GetSettlementCalendarRequest request, StreamObserver<SettlementCalendar> response) {
        SettlementCalendarView calendar = isd.findSettlementCalendar();
        SettlementCalendar.Builder answer = SettlementCalendar.newBuilder();
        calendar.bankHolidays()
                .forEach((date, name) -> answer.addBankHolidays(
                        BankHoliday.newBuilder().setDate(date.toString()).setName(name)));
        calendar.runSchedule()
                .forEach((type, days) -> answer.addRunSchedule(RunOffset.newBuilder()
                        .setRunType(ProtoMapping.runType(type))
                        .setWorkingDays(days)));
        calendar.appointmentResponseTimeout()
                .ifPresent(timeout -> answer.setAppointmentResponseTimeout(
                        Duration.newBuilder().setSeconds(timeout.getSeconds()).setNanos(timeout.getNano())));
        calendar.finalDisputeWindowMonths().ifPresent(answer::setFinalDisputeWindowMonths);
        answer.setChangeOfSupplierHorizonDays(calendar.changeOfSupplierHorizonDays());
        reply(response, answer.build());
    }

    @Override
    public void listRunsDue(ListRunsDueRequest request, StreamObserver<ListRunsDueResponse> response) {
        RequestFields fields = new RequestFields();
        LocalDate date = fields.date("date", request.getDate());
        fields.validate();
        ListRunsDueResponse.Builder answer = ListRunsDueResponse.newBuilder();
        isd.findSettlementCalendar()
                .runsDueOn(date)
                .forEach(run -> answer.addRuns(RunDue.newBuilder()
                        .setSettlementDate(run.settlementDate().toString())
                        .setRunType(ProtoMapping.runType(run.runType()))));
        reply(response, answer.build());
    }

    private static Participant participant(ParticipantView view) {
        Participant.Builder participant = Participant.newBuilder()
                .setParticipantId(view.participantId().value())
                .setName(view.name());
        view.roles().forEach(role -> participant.addRoles(ProtoMapping.rolePeriod(role.role(), role.period())));
        return participant.build();
    }

    private static Target participant(ParticipantId id) {
        return new Target("participant " + id);
    }

    private static Target gspGroup(GspGroupId id) {
        return new Target("GSP group " + id);
    }

    private static Target calendar() {
        return new Target("the settlement calendar");
    }
}
