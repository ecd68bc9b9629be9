package org.mhhs.backbone.grpc.registration;

import static org.mhhs.backbone.grpc.ProtoMapping.date;
import static org.mhhs.backbone.grpc.ProtoMapping.energisation;
import static org.mhhs.backbone.grpc.ProtoMapping.id;
import static org.mhhs.backbone.grpc.ProtoMapping.segment;
import static org.mhhs.backbone.grpc.ProtoMapping.serviceRole;
import static org.mhhs.backbone.grpc.ProtoMapping.timestamp;

import java.time.LocalDate;
import org.mhhs.backbone.grpc.EnvelopeContent;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.MeteringPointDetails;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.registration.api.EnergisationStatus;
import org.mhhs.backbone.registration.api.MarketSegment;
import org.mhhs.backbone.registration.api.MeteringPointDetailsChanged;
import org.mhhs.backbone.registration.api.MeteringPointEvent;
import org.mhhs.backbone.registration.api.MeteringPointRegistered;
import org.mhhs.backbone.registration.api.ServiceAppointmentAccepted;
import org.mhhs.backbone.registration.api.ServiceAppointmentEnded;
import org.mhhs.backbone.registration.api.ServiceAppointmentRejected;
import org.mhhs.backbone.registration.api.ServiceAppointmentRequested;
import org.mhhs.backbone.registration.api.ServiceAppointmentTimedOut;
import org.mhhs.backbone.registration.api.SupplierRegistered;
import org.mhhs.backbone.registration.api.SupplierRegistrationWithdrawn;
import org.springframework.stereotype.Component;

/** The typed body of every registration event in the envelope subscribers receive. */
@Component
class RegistrationEnvelopeContent implements EnvelopeContent {

    @Override
    public boolean fill(Object payload, EventEnvelope.Builder envelope) {
        if (!(payload instanceof MeteringPointEvent event)) {
            return false;
        }
        switch (event) {
            case MeteringPointRegistered e ->
                envelope.setMeteringPointRegistered(org.mhhs.backbone.grpc.v1.MeteringPointRegistered.newBuilder()
                        .setMpan(e.mpan().value())
                        .setDetails(details(e.effectiveFrom(), e.gspGroupId(), e.segment(), e.energisation()))
                        .setRegistrationService(id(e.registrationService())));
            case MeteringPointDetailsChanged e ->
                envelope.setMeteringPointDetailsChanged(
                        org.mhhs.backbone.grpc.v1.MeteringPointDetailsChanged.newBuilder()
                                .setMpan(e.mpan().value())
                                .setDetails(details(e.effectiveFrom(), e.gspGroupId(), e.segment(), e.energisation()))
                                .setChangedBy(id(e.changedBy())));
            case SupplierRegistered e ->
                envelope.setSupplierRegistered(org.mhhs.backbone.grpc.v1.SupplierRegistered.newBuilder()
                        .setMpan(e.mpan().value())
                        .setSupplier(id(e.supplier()))
                        .setEffectiveFrom(date(e.effectiveFrom()))
                        .setLosingSupplier(id(e.losingSupplier()))
                        .setLosingSupplierFrom(date(e.losingSupplierFrom())));
            case SupplierRegistrationWithdrawn e ->
                envelope.setSupplierRegistrationWithdrawn(
                        org.mhhs.backbone.grpc.v1.SupplierRegistrationWithdrawn.newBuilder()
                                .setMpan(e.mpan().value())
                                .setSupplier(id(e.supplier()))
                                .setEffectiveFrom(date(e.effectiveFrom()))
                                .setRestoredSupplier(id(e.restoredSupplier()))
                                .setRestoredSupplierFrom(date(e.restoredSupplierFrom()))
                                .setEffectiveTo(date(e.effectiveTo())));
            case ServiceAppointmentRequested e ->
                envelope.setServiceAppointmentRequested(
                        org.mhhs.backbone.grpc.v1.ServiceAppointmentRequested.newBuilder()
                                .setMpan(e.mpan().value())
                                .setAppointmentId(e.appointmentId().toString())
                                .setRole(serviceRole(e.role()))
                                .setService(id(e.service()))
                                .setSupplier(id(e.supplier()))
                                .setEffectiveFrom(date(e.effectiveFrom()))
                                .setRespondBy(timestamp(e.respondBy())));
            case ServiceAppointmentAccepted e ->
                envelope.setServiceAppointmentAccepted(org.mhhs.backbone.grpc.v1.ServiceAppointmentAccepted.newBuilder()
                        .setMpan(e.mpan().value())
                        .setAppointmentId(e.appointmentId().toString())
                        .setRole(serviceRole(e.role()))
                        .setService(id(e.service()))
                        .setSupplier(id(e.supplier()))
                        .setEffectiveFrom(date(e.effectiveFrom())));
            case ServiceAppointmentRejected e ->
                envelope.setServiceAppointmentRejected(org.mhhs.backbone.grpc.v1.ServiceAppointmentRejected.newBuilder()
                        .setMpan(e.mpan().value())
                        .setAppointmentId(e.appointmentId().toString())
                        .setRole(serviceRole(e.role()))
                        .setService(id(e.service()))
                        .setSupplier(id(e.supplier()))
                        .setReason(e.reason() == null ? "" : e.reason()));
            case ServiceAppointmentTimedOut e ->
                envelope.setServiceAppointmentTimedOut(org.mhhs.backbone.grpc.v1.ServiceAppointmentTimedOut.newBuilder()
                        .setMpan(e.mpan().value())
                        .setAppointmentId(e.appointmentId().toString())
                        .setRole(serviceRole(e.role()))
                        .setService(id(e.service()))
                        .setSupplier(id(e.supplier())));
            case ServiceAppointmentEnded e ->
                envelope.setServiceAppointmentEnded(org.mhhs.backbone.grpc.v1.ServiceAppointmentEnded.newBuilder()
                        .setMpan(e.mpan().value())
                        .setAppointmentId(e.appointmentId().toString())
                        .setRole(serviceRole(e.role()))
                        .setService(id(e.service()))
                        .setEffectiveFrom(date(e.effectiveFrom()))
                        .setLastDay(date(e.lastDay()))
                        .setEndedBy(id(e.endedBy())));
        }
        return true;
    }

    private static MeteringPointDetails details(
            LocalDate from, GspGroupId gsp, MarketSegment segment, EnergisationStatus energisation) {
        return MeteringPointDetails.newBuilder()
                .setEffectiveFrom(date(from))
                .setGspGroupId(gsp.value())
                .setSegment(segment(segment))
                .setEnergisation(energisation(energisation))
                .build();
    }
}
