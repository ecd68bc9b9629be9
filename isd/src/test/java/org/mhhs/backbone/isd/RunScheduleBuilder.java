package org.mhhs.backbone.isd;

import java.util.EnumMap;
import java.util.Map;
import org.mhhs.backbone.isd.api.SettlementRunType;

/** A run schedule, starting from the market's usual one: SF 5, R1 16, R2 39, R3 83 and RF 193 working days. */
final class RunScheduleBuilder {

    private final Map<SettlementRunType, Integer> workingDays = new EnumMap<>(SettlementRunType.class);

    private RunScheduleBuilder() {
        workingDays.put(SettlementRunType.SF, 5);
        workingDays.put(SettlementRunType.R1, 16);
        workingDays.put(SettlementRunType.R2, 39);
        workingDays.put(SettlementRunType.R3, 83);
        workingDays.put(SettlementRunType.RF, 193);
    }

    static RunScheduleBuilder aRunSchedule() {
        return new RunScheduleBuilder();
    }

    static Map<SettlementRunType, Integer> theUsualRunSchedule() {
        return aRunSchedule().build();
    }

    RunScheduleBuilder with(SettlementRunType runType, int days) {
        workingDays.put(runType, days);
        return this;
    }

    RunScheduleBuilder without(SettlementRunType runType) {
        workingDays.remove(runType);
        return this;
    }

    Map<SettlementRunType, Integer> build() {
        return Map.copyOf(workingDays);
    }
}
