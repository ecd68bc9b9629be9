package org.mhhs.backbone.notification;

import org.mhhs.backbone.isd.api.AppointmentResponseTimeoutChanged;
import org.mhhs.backbone.isd.api.BankHolidayAdded;
import org.mhhs.backbone.isd.api.BankHolidayRemoved;
import org.mhhs.backbone.isd.api.ChangeOfSupplierHorizonChanged;
import org.mhhs.backbone.isd.api.FinalDisputeWindowChanged;
import org.mhhs.backbone.isd.api.GspGroupDnoChanged;
import org.mhhs.backbone.isd.api.GspGroupRegistered;
import org.mhhs.backbone.isd.api.ParticipantRegistered;
import org.mhhs.backbone.isd.api.RoleGranted;
import org.mhhs.backbone.isd.api.RoleRevoked;
import org.mhhs.backbone.isd.api.RunScheduleChanged;
import org.springframework.stereotype.Component;

/** ISD's rows of the routing table: standing data is broadcast to every participant. */
@Component
class IsdRoutes implements ContextRoutes {

    @Override
    public void addTo(Routes routes) {
        routes.everyone(ParticipantRegistered.class);
        routes.everyone(RoleGranted.class);
        routes.everyone(RoleRevoked.class);
        routes.everyone(GspGroupRegistered.class);
        routes.everyone(GspGroupDnoChanged.class);
        routes.everyone(BankHolidayAdded.class);
        routes.everyone(BankHolidayRemoved.class);
        routes.everyone(RunScheduleChanged.class);
        routes.everyone(AppointmentResponseTimeoutChanged.class);
        routes.everyone(FinalDisputeWindowChanged.class);
        routes.everyone(ChangeOfSupplierHorizonChanged.class);
    }
}
