package org.mhhs.backbone.grpc.isd;

import static org.mhhs.backbone.grpc.ProtoMapping.date;
import static org.mhhs.backbone.grpc.ProtoMapping.id;
import static org.mhhs.backbone.grpc.ProtoMapping.role;
import static org.mhhs.backbone.grpc.ProtoMapping.runType;

import org.mhhs.backbone.grpc.EnvelopeContent;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.RunOffset;
import org.mhhs.backbone.isd.api.AppointmentResponseTimeoutChanged;
import org.mhhs.backbone.isd.api.BankHolidayAdded;
import org.mhhs.backbone.isd.api.BankHolidayRemoved;
import org.mhhs.backbone.isd.api.ChangeOfSupplierHorizonChanged;
import org.mhhs.backbone.isd.api.FinalDisputeWindowChanged;
import org.mhhs.backbone.isd.api.GspGroupDnoChanged;
import org.mhhs.backbone.isd.api.GspGroupRegistered;
import org.mhhs.backbone.isd.api.IsdEvent;
import org.mhhs.backbone.isd.api.ParticipantRegistered;
import org.mhhs.backbone.isd.api.RoleGranted;
import org.mhhs.backbone.isd.api.RoleRevoked;
import org.mhhs.backbone.isd.api.RunScheduleChanged;
import org.springframework.stereotype.Component;

/** The typed body of every ISD event in the envelope subscribers receive. */
@Component
class IsdEnvelopeContent implements EnvelopeContent {

    @Override
    public boolean fill(Object payload, EventEnvelope.Builder envelope) {
        if (!(payload instanceof IsdEvent event)) {
            return false;
        }
        switch (event) {
            case ParticipantRegistered e ->
                envelope.setParticipantRegistered(org.mhhs.backbone.grpc.v1.ParticipantRegistered.newBuilder()
                        .setParticipantId(id(e.participantId()))
                        .setName(e.name()));
            case RoleGranted e ->
                envelope.setRoleGranted(org.mhhs.backbone.grpc.v1.RoleGranted.newBuilder()
                        .setParticipantId(id(e.participantId()))
                        .setRole(role(e.role()))
                        .setEffectiveFrom(date(e.period().from()))
                        .setEffectiveTo(date(e.period().to())));
            case RoleRevoked e ->
                envelope.setRoleRevoked(org.mhhs.backbone.grpc.v1.RoleRevoked.newBuilder()
                        .setParticipantId(id(e.participantId()))
                        .setRole(role(e.role()))
                        .setEffectiveFrom(date(e.period().from()))
                        .setEffectiveTo(date(e.period().to()))
                        .setLastDay(date(e.lastDay())));
            case GspGroupRegistered e ->
                envelope.setGspGroupRegistered(org.mhhs.backbone.grpc.v1.GspGroupRegistered.newBuilder()
                        .setGspGroupId(e.gspGroupId().value())
                        .setName(e.name())
                        .setDnoId(id(e.dnoId())));
            case GspGroupDnoChanged e ->
                envelope.setGspGroupDnoChanged(org.mhhs.backbone.grpc.v1.GspGroupDnoChanged.newBuilder()
                        .setGspGroupId(e.gspGroupId().value())
                        .setPreviousDnoId(id(e.previousDnoId()))
                        .setDnoId(id(e.dnoId()))
                        .setEffectiveFrom(e.effectiveFrom() == null ? "" : date(e.effectiveFrom())));
            case BankHolidayAdded e ->
                envelope.setBankHolidayAdded(org.mhhs.backbone.grpc.v1.BankHolidayAdded.newBuilder()
                        .setDate(date(e.date()))
                        .setName(e.name()));
            case BankHolidayRemoved e ->
                envelope.setBankHolidayRemoved(org.mhhs.backbone.grpc.v1.BankHolidayRemoved.newBuilder()
                        .setDate(date(e.date())));
            case RunScheduleChanged e -> {
                var changed = org.mhhs.backbone.grpc.v1.RunScheduleChanged.newBuilder();
                e.workingDaysAfterSettlementDay()
                        .forEach((run, days) -> changed.addOffsets(
                                RunOffset.newBuilder().setRunType(runType(run)).setWorkingDays(days)));
                envelope.setRunScheduleChanged(changed);
            }
            case AppointmentResponseTimeoutChanged e ->
                envelope.setAppointmentResponseTimeoutChanged(
                        org.mhhs.backbone.grpc.v1.AppointmentResponseTimeoutChanged.newBuilder()
                                .setTimeout(e.timeout().toString()));
            case FinalDisputeWindowChanged e ->
                envelope.setFinalDisputeWindowChanged(org.mhhs.backbone.grpc.v1.FinalDisputeWindowChanged.newBuilder()
                        .setMonths(e.months()));
            case ChangeOfSupplierHorizonChanged e ->
                envelope.setChangeOfSupplierHorizonChanged(
                        org.mhhs.backbone.grpc.v1.ChangeOfSupplierHorizonChanged.newBuilder()
                                .setDays(e.days()));
        }
        return true;
    }
}
