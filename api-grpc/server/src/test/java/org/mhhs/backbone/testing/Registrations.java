package org.mhhs.backbone.testing;

import static org.mhhs.backbone.testing.HubClient.newCommand;

import org.mhhs.backbone.grpc.v1.EnergisationStatus;
import org.mhhs.backbone.grpc.v1.MarketSegment;
import org.mhhs.backbone.grpc.v1.RegisterMeteringPointRequest;
import org.mhhs.backbone.grpc.v1.RegisterSupplierRequest;

/** Registration requests as the tests' market sends them, each with a new command id; dates as on the wire. */
public final class Registrations {

    private Registrations() {}

    /** An energised smart metering point in a GSP group from a day on. */
    public static RegisterMeteringPointRequest meteringPoint(String mpan, String gspGroup, String effectiveFrom) {
        return RegisterMeteringPointRequest.newBuilder()
                .setHeader(newCommand())
                .setMpan(mpan)
                .setGspGroupId(gspGroup)
                .setSegment(MarketSegment.MARKET_SEGMENT_SMART)
                .setEnergisation(EnergisationStatus.ENERGISATION_STATUS_ENERGISED)
                .setEffectiveFrom(effectiveFrom)
                .build();
    }

    /** The caller's registration as supplier of a metering point from a day on. */
    public static RegisterSupplierRequest supplier(String mpan, String effectiveFrom) {
        return RegisterSupplierRequest.newBuilder()
                .setHeader(newCommand())
                .setMpan(mpan)
                .setEffectiveFrom(effectiveFrom)
                .build();
    }
}
