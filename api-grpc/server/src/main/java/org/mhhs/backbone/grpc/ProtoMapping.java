package org.mhhs.backbone.grpc;

import java.time.LocalDate;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.metering.api.Quality;
import org.mhhs.backbone.metering.api.SubmitConsumption;
import org.mhhs.backbone.registration.api.EnergisationStatus;
import org.mhhs.backbone.registration.api.MarketSegment;
import org.mhhs.backbone.registration.api.ServiceRole;

/** Between the contract's messages and the domain's values; proto enum names are the domain names with a prefix. */
final class ProtoMapping {

    private static final String ROLE_PREFIX = "MARKET_ROLE_";
    private static final String RUN_TYPE_PREFIX = "SETTLEMENT_RUN_TYPE_";

    private ProtoMapping() {}

    static MarketRole role(org.mhhs.backbone.grpc.v1.MarketRole role) {
        return MarketRole.valueOf(role.name().substring(ROLE_PREFIX.length()));
    }

    static org.mhhs.backbone.grpc.v1.MarketRole role(MarketRole role) {
        return org.mhhs.backbone.grpc.v1.MarketRole.valueOf(ROLE_PREFIX + role.name());
    }

    static SettlementRunType runType(org.mhhs.backbone.grpc.v1.SettlementRunType runType) {
        return SettlementRunType.valueOf(runType.name().substring(RUN_TYPE_PREFIX.length()));
    }

    static org.mhhs.backbone.grpc.v1.SettlementRunType runType(SettlementRunType runType) {
        return org.mhhs.backbone.grpc.v1.SettlementRunType.valueOf(RUN_TYPE_PREFIX + runType.name());
    }

    static MarketSegment segment(org.mhhs.backbone.grpc.v1.MarketSegment segment) {
        return MarketSegment.valueOf(segment.name().substring("MARKET_SEGMENT_".length()));
    }

    static org.mhhs.backbone.grpc.v1.MarketSegment segment(MarketSegment segment) {
        return org.mhhs.backbone.grpc.v1.MarketSegment.valueOf("MARKET_SEGMENT_" + segment.name());
    }

    static EnergisationStatus energisation(org.mhhs.backbone.grpc.v1.EnergisationStatus status) {
        return EnergisationStatus.valueOf(status.name().substring("ENERGISATION_STATUS_".length()));
    }

    static org.mhhs.backbone.grpc.v1.EnergisationStatus energisation(EnergisationStatus status) {
        return org.mhhs.backbone.grpc.v1.EnergisationStatus.valueOf("ENERGISATION_STATUS_" + status.name());
    }

    static ServiceRole serviceRole(org.mhhs.backbone.grpc.v1.ServiceRole role) {
        return ServiceRole.valueOf(role.name().substring("SERVICE_ROLE_".length()));
    }

    static org.mhhs.backbone.grpc.v1.ServiceRole serviceRole(ServiceRole role) {
        return org.mhhs.backbone.grpc.v1.ServiceRole.valueOf("SERVICE_ROLE_" + role.name());
    }

    static org.mhhs.backbone.grpc.v1.PeriodReading periodReading(SubmitConsumption.Reading reading) {
        return org.mhhs.backbone.grpc.v1.PeriodReading.newBuilder()
                .setPeriod(reading.period())
                .setKwh(reading.energy().toString())
                .setQuality(
                        reading.quality() == Quality.ESTIMATED
                                ? org.mhhs.backbone.grpc.v1.Quality.QUALITY_ESTIMATED
                                : org.mhhs.backbone.grpc.v1.Quality.QUALITY_ACTUAL)
                .build();
    }

    static String date(LocalDate date) {
        return date == null ? "" : date.toString();
    }

    static org.mhhs.backbone.grpc.v1.RolePeriod rolePeriod(MarketRole role, EffectivePeriod period) {
        return org.mhhs.backbone.grpc.v1.RolePeriod.newBuilder()
                .setRole(role(role))
                .setEffectiveFrom(date(period.from()))
                .setEffectiveTo(date(period.to()))
                .build();
    }
}
