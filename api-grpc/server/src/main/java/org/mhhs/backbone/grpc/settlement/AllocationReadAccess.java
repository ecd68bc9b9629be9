package org.mhhs.backbone.grpc.settlement;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.mhhs.backbone.grpc.CallerRoles;
import org.mhhs.backbone.grpc.DataEntitlement;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.settlement.api.AllocatedVolumeView;
import org.springframework.stereotype.Component;

/**
 * Who reads which allocation cells of a settlement day (live or of a run), by {@link DataEntitlement}'s rule: a
 * supplier its own, a DNO those of the GSP groups it was the DNO of that day; OPERATOR, AUDITOR, and
 * CENTRAL_SETTLEMENT within its role periods, all of them. A filter naming another supplier or a GSP group beyond
 * that is refused with the one refusal of a read.
 */
@Component
class AllocationReadAccess {

    private final DataEntitlement entitlement;
    private final CallerRoles roles;

    AllocationReadAccess(DataEntitlement entitlement, CallerRoles roles) {
        this.entitlement = entitlement;
        this.roles = roles;
    }

    /** The filters a read runs with, and which of the cells found the caller may see. */
    record Scope(
            Optional<GspGroupId> gspGroupId, Optional<ParticipantId> supplier, Predicate<AllocatedVolumeView> visible) {

        List<AllocatedVolumeView> visible(List<AllocatedVolumeView> volumes) {
            return volumes.stream().filter(visible).toList();
        }
    }

    Scope scope(
            ParticipantId caller, LocalDate day, Optional<GspGroupId> gspGroupId, Optional<ParticipantId> supplier) {
        if (entitlement.seesWholeAllocationOn(caller, day)) {
            return new Scope(gspGroupId, supplier, cell -> true);
        }
        Set<GspGroupId> groups = entitlement.dnoGroupsOn(caller, day);
        boolean anotherSupplier = supplier.filter(s -> !s.equals(caller)).isPresent();
        boolean anotherGroup = gspGroupId.filter(g -> !groups.contains(g)).isPresent();
        if (anotherSupplier && (groups.isEmpty() || anotherGroup)
                || anotherGroup && !roles.holdsAnyToday(caller, MarketRole.SUPPLIER)) {
            throw DataEntitlement.refusal("the allocation of " + day);
        }
        if (groups.isEmpty() || anotherGroup) {
            return new Scope(gspGroupId, Optional.of(caller), cell -> true);
        }
        return new Scope(
                gspGroupId, supplier, cell -> cell.supplier().equals(caller) || groups.contains(cell.gspGroupId()));
    }
}
