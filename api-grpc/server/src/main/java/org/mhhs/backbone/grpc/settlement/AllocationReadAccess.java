package org.mhhs.backbone.grpc.settlement;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mhhs.backbone.grpc.CallerRoles;
import org.mhhs.backbone.isd.api.GspGroupView;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.settlement.api.AllocatedVolumeView;
import org.springframework.stereotype.Component;

/**
 * Who reads which allocation cells (live or of a run): a supplier only its own, a DNO those of its GSP groups;
 * OPERATOR, AUDITOR and CENTRAL_SETTLEMENT all of them.
 */
@Component
class AllocationReadAccess {

    static final String RULE = "OnlyOwnAllocation";
    private static final Set<MarketRole> MARKET_WIDE =
            EnumSet.of(MarketRole.OPERATOR, MarketRole.AUDITOR, MarketRole.CENTRAL_SETTLEMENT);

    private final IsdQueries isd;
    private final CallerRoles roles;

    AllocationReadAccess(IsdQueries isd, CallerRoles roles) {
        this.isd = isd;
        this.roles = roles;
    }

    /**
     * The filters a read runs with, and what must be left out of its answer; refuses a filter beyond the caller's
     * cells.
     */
    record Scope(
            Optional<GspGroupId> gspGroupId, Optional<ParticipantId> supplier, Optional<Set<GspGroupId>> onlyGroups) {

        List<AllocatedVolumeView> visible(List<AllocatedVolumeView> volumes) {
            return onlyGroups
                    .map(groups -> volumes.stream()
                            .filter(v -> groups.contains(v.gspGroupId()))
                            .toList())
                    .orElse(volumes);
        }
    }

    Scope scope(ParticipantId caller, Optional<GspGroupId> gspGroupId, Optional<ParticipantId> supplier) {
        Set<MarketRole> held = roles.heldToday(caller);
        if (held.stream().anyMatch(MARKET_WIDE::contains)) {
            return new Scope(gspGroupId, supplier, Optional.empty());
        }
        if (held.contains(MarketRole.SUPPLIER) && supplier.map(caller::equals).orElse(true)) {
            return new Scope(gspGroupId, Optional.of(caller), Optional.empty());
        }
        if (held.contains(MarketRole.DNO)) {
            Set<GspGroupId> groups = new HashSet<>(isd.findGspGroups().stream()
                    .filter(group -> group.dnoId().equals(caller))
                    .map(GspGroupView::gspGroupId)
                    .toList());
            if (gspGroupId.map(groups::contains).orElse(true)) {
                return new Scope(gspGroupId, supplier, Optional.of(groups));
            }
            throw RuleViolation.forbidden(
                    RULE,
                    gspGroupId.get().value(),
                    caller + " is not the DNO of GSP group " + gspGroupId.get().value());
        }
        throw RuleViolation.forbidden(
                RULE, supplier.map(ParticipantId::value).orElse(""), caller + " may read only its own allocation");
    }
}
