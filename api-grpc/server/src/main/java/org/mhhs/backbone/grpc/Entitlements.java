package org.mhhs.backbone.grpc;

import static org.mhhs.backbone.kernel.MarketRole.AUDITOR;
import static org.mhhs.backbone.kernel.MarketRole.CENTRAL_SETTLEMENT;
import static org.mhhs.backbone.kernel.MarketRole.DATA_SERVICE;
import static org.mhhs.backbone.kernel.MarketRole.DNO;
import static org.mhhs.backbone.kernel.MarketRole.METERING_SERVICE;
import static org.mhhs.backbone.kernel.MarketRole.OPERATOR;
import static org.mhhs.backbone.kernel.MarketRole.REGISTRATION_SERVICE;
import static org.mhhs.backbone.kernel.MarketRole.SUPPLIER;

import io.grpc.MethodDescriptor;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mhhs.backbone.grpc.v1.AccessServiceGrpc;
import org.mhhs.backbone.grpc.v1.DisputeServiceGrpc;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.MeteringServiceGrpc;
import org.mhhs.backbone.grpc.v1.ProjectionServiceGrpc;
import org.mhhs.backbone.grpc.v1.RegistrationServiceGrpc;
import org.mhhs.backbone.grpc.v1.SettlementServiceGrpc;
import org.mhhs.backbone.grpc.v1.SubscriptionServiceGrpc;
import org.mhhs.backbone.kernel.MarketRole;

/**
 * Who may call which RPC: one row per RPC, naming the roles (held today) that may call it and the relation to the
 * data the service then checks. An RPC without a row is refused to everyone.
 */
final class Entitlements {

    /** A participant with no role at all may still call these. */
    static final Set<MarketRole> ANY_PARTICIPANT = EnumSet.allOf(MarketRole.class);

    record Entitlement(Set<MarketRole> roles, boolean anyAuthenticated, String relation) {}

    /** The days of an MPAN a caller may see (DataEntitlement): the one rule of every read of its data. */
    private static final String CALLERS_DAYS = "the caller's days of the MPAN (each day: its supplier, its data or"
            + " metering service by accepted appointment, the DNO of its GSP group, CENTRAL_SETTLEMENT within its role"
            + " periods; its registration service, OPERATOR, AUDITOR: every day)";

    private static final Map<String, Entitlement> TABLE = new LinkedHashMap<>();

    static {
        // ISD: the operator maintains it; every participant reads it (it is broadcast to all anyway).
        row(IsdServiceGrpc.getRegisterParticipantMethod(), operator());
        row(IsdServiceGrpc.getGrantRoleMethod(), operator());
        row(IsdServiceGrpc.getRevokeRoleMethod(), operator());
        row(IsdServiceGrpc.getRegisterGspGroupMethod(), operator());
        row(IsdServiceGrpc.getChangeGspGroupDnoMethod(), operator());
        row(IsdServiceGrpc.getAddBankHolidayMethod(), operator());
        row(IsdServiceGrpc.getRemoveBankHolidayMethod(), operator());
        row(IsdServiceGrpc.getSetRunScheduleMethod(), operator());
        row(IsdServiceGrpc.getSetAppointmentResponseTimeoutMethod(), operator());
        row(IsdServiceGrpc.getSetFinalDisputeWindowMethod(), operator());
        row(IsdServiceGrpc.getSetChangeOfSupplierHorizonMethod(), operator());
        row(IsdServiceGrpc.getGetParticipantMethod(), anyone());
        row(IsdServiceGrpc.getListParticipantsMethod(), anyone());
        row(IsdServiceGrpc.getListGspGroupsMethod(), anyone());
        row(IsdServiceGrpc.getGetSettlementCalendarMethod(), anyone());
        row(IsdServiceGrpc.getListRunsDueMethod(), anyone());
        // Registration: each command's relation to the metering point is checked by its aggregate's named rules.
        row(
                RegistrationServiceGrpc.getRegisterMeteringPointMethod(),
                roles("the caller becomes its registration service", REGISTRATION_SERVICE));
        row(
                RegistrationServiceGrpc.getChangeMeteringPointDetailsMethod(),
                roles("its registration service", REGISTRATION_SERVICE));
        row(RegistrationServiceGrpc.getRegisterSupplierMethod(), roles("the caller registers itself", SUPPLIER));
        row(
                RegistrationServiceGrpc.getWithdrawSupplierRegistrationMethod(),
                roles("the gaining supplier, before its first day", SUPPLIER));
        row(
                RegistrationServiceGrpc.getRequestServiceAppointmentMethod(),
                roles("supplier in force on the date", SUPPLIER));
        row(
                RegistrationServiceGrpc.getEndServiceAppointmentMethod(),
                roles("supplier in force on the last day", SUPPLIER));
        row(
                RegistrationServiceGrpc.getAcceptServiceAppointmentMethod(),
                roles("the requested service", DATA_SERVICE, METERING_SERVICE));
        row(
                RegistrationServiceGrpc.getRejectServiceAppointmentMethod(),
                roles("the requested service", DATA_SERVICE, METERING_SERVICE));
        // Registration reads: the caller's days of the MPAN (DataEntitlement), whatever roles it holds today.
        row(
                RegistrationServiceGrpc.getGetMeteringPointMethod(),
                anyParticipant(CALLERS_DAYS + ": the details in force on them"));
        row(
                RegistrationServiceGrpc.getGetResponsibilityMethod(),
                anyParticipant(CALLERS_DAYS + ": the day asked for is one"));
        row(
                RegistrationServiceGrpc.getGetTimelineMethod(),
                anyParticipant(CALLERS_DAYS + ": every period cut to them"));
        row(
                RegistrationServiceGrpc.getGetAppointmentMethod(),
                anyParticipant("the supplier that requested it, the service requested; OPERATOR, AUDITOR for all"));
        row(
                RegistrationServiceGrpc.getListServedMeteringPointsMethod(),
                anyParticipant("the participant itself; OPERATOR and AUDITOR for anyone"));
        // Metering: the aggregate checks the submitter is the data service appointed on the day.
        row(
                MeteringServiceGrpc.getSubmitConsumptionMethod(),
                roles("the data service appointed for the MPAN that day", DATA_SERVICE));
        row(
                MeteringServiceGrpc.getSubmitConsumptionStreamMethod(),
                roles("the data service appointed for each " + "MPAN-day", DATA_SERVICE));
        row(
                MeteringServiceGrpc.getListConsumptionVersionsMethod(),
                anyParticipant(CALLERS_DAYS + ": the day asked for is one"));
        row(MeteringServiceGrpc.getGetConsumptionMethod(), anyParticipant(CALLERS_DAYS + ": the day asked for is one"));
        row(MeteringServiceGrpc.getShredConsumptionMethod(), operator());
        // Settlement: the operator (or the hub's scheduler) runs; reads are scoped to the caller's own cells.
        row(SettlementServiceGrpc.getStartSettlementRunMethod(), operator());
        row(SettlementServiceGrpc.getListAllocatedVolumesMethod(), allocationReaders());
        row(SettlementServiceGrpc.getGetSettlementRunResultMethod(), allocationReaders());
        // A run's summary carries the market's total for the day: for those who take part in settlement, as the
        // audience of SettlementRunCompleted is, not for every participant.
        row(
                SettlementServiceGrpc.getListSettlementRunsMethod(),
                roles(
                        "none: a day's runs with position, hash and " + "market totals",
                        SUPPLIER,
                        DNO,
                        OPERATOR,
                        AUDITOR,
                        CENTRAL_SETTLEMENT));
        row(
                SettlementServiceGrpc.getAuditSettlementRunMethod(),
                roles("none: auditors prove any run", AUDITOR, OPERATOR));
        row(
                SettlementServiceGrpc.getGetAllocationAsAtMethod(),
                roles("none: auditors re-derive any day", AUDITOR, OPERATOR));
        // Disputes: a supplier raises its own; the operator resolves; the raising supplier, OPERATOR and AUDITOR read.
        row(DisputeServiceGrpc.getRaiseDisputeMethod(), roles("the caller raises it for itself", SUPPLIER));
        row(DisputeServiceGrpc.getResolveDisputeMethod(), operator());
        row(
                DisputeServiceGrpc.getGetDisputeMethod(),
                new Entitlement(ANY_PARTICIPANT, true, "the supplier that raised it; OPERATOR, AUDITOR for all"));
        // Projections: the operator rebuilds; auditors may watch.
        row(ProjectionServiceGrpc.getListProjectionsMethod(), roles("none: hub-wide", OPERATOR, AUDITOR));
        row(ProjectionServiceGrpc.getRebuildProjectionMethod(), operator());
        row(ProjectionServiceGrpc.getGetRebuildProgressMethod(), roles("none: hub-wide", OPERATOR, AUDITOR));
        // Dead letters: the operator alone (a parked event's cause may quote its content); retries and evictions are
        // audited.
        row(ProjectionServiceGrpc.getListDeadLettersMethod(), operator());
        row(ProjectionServiceGrpc.getRetryDeadLetterMethod(), operator());
        row(ProjectionServiceGrpc.getEvictDeadLetterMethod(), operator());
        // Access: credentials are the operator's business; anyone may ask who the hub takes it for.
        row(AccessServiceGrpc.getWhoAmIMethod(), new Entitlement(ANY_PARTICIPANT, true, "the caller itself"));
        row(AccessServiceGrpc.getIssueTokenMethod(), operator());
        row(AccessServiceGrpc.getRevokeTokenMethod(), operator());
        row(AccessServiceGrpc.getListTokensMethod(), operator());
        row(AccessServiceGrpc.getRegisterCertificateMethod(), operator());
        row(AccessServiceGrpc.getRevokeCertificateMethod(), operator());
        row(AccessServiceGrpc.getListCertificatesMethod(), operator());
        // The audit trail records every participant, auditors included: only the operator reads it.
        row(AccessServiceGrpc.getListAuditTrailMethod(), operator());

        // Subscriptions: every participant receives the events of its audience (AUDITOR and OPERATOR: all of them,
        // recorded in notification.privileged_read) and keeps its own acknowledgements.
        row(
                SubscriptionServiceGrpc.getSubscribeMethod(),
                new Entitlement(
                        ANY_PARTICIPANT,
                        true,
                        "the events whose audience includes the caller (routing table);"
                                + " AUDITOR, OPERATOR: every event"));
        row(
                SubscriptionServiceGrpc.getGetSubscriptionMethod(),
                new Entitlement(ANY_PARTICIPANT, true, "the caller's own subscriptions"));
        row(SubscriptionServiceGrpc.getListSubscribersMethod(), operator());
    }

    private Entitlements() {}

    static Optional<Entitlement> of(String fullMethodName) {
        return Optional.ofNullable(TABLE.get(fullMethodName));
    }

    /** Every row, in the order the table lists them. */
    static Map<String, Entitlement> table() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(TABLE));
    }

    private static void row(MethodDescriptor<?, ?> method, Entitlement entitlement) {
        if (TABLE.putIfAbsent(method.getFullMethodName(), entitlement) != null) {
            throw new IllegalStateException("two entitlement rows for " + method.getFullMethodName());
        }
    }

    private static Entitlement operator() {
        return new Entitlement(EnumSet.of(OPERATOR), false, "none: the operator acts for the market");
    }

    private static Entitlement roles(String relation, MarketRole... roles) {
        return new Entitlement(EnumSet.copyOf(List.of(roles)), false, relation);
    }

    private static Entitlement anyParticipant(String relation) {
        return new Entitlement(ANY_PARTICIPANT, true, relation);
    }

    private static Entitlement allocationReaders() {
        return roles(
                "that day: a supplier its own cells, a DNO those of the GSP groups it was DNO of; "
                        + "CENTRAL_SETTLEMENT within its role periods, OPERATOR, AUDITOR all",
                SUPPLIER,
                DNO,
                OPERATOR,
                AUDITOR,
                CENTRAL_SETTLEMENT);
    }

    private static Entitlement anyone() {
        return new Entitlement(ANY_PARTICIPANT, true, "none: market-wide data");
    }
}
