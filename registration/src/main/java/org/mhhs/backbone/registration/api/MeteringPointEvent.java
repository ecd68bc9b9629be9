package org.mhhs.backbone.registration.api;

import org.mhhs.backbone.kernel.Mpan;

/** Everything that happens to a metering point, in the order it happened. */
public sealed interface MeteringPointEvent
        permits MeteringPointRegistered,
                MeteringPointDetailsChanged,
                SupplierRegistered,
                SupplierRegistrationWithdrawn,
                ServiceAppointmentRequested,
                ServiceAppointmentAccepted,
                ServiceAppointmentRejected,
                ServiceAppointmentTimedOut,
                ServiceAppointmentEnded {

    Mpan mpan();
}
