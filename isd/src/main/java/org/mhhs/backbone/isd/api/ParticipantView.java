package org.mhhs.backbone.isd.api;

import java.time.LocalDate;
import java.util.List;
import org.mhhs.backbone.kernel.ParticipantId;

public record ParticipantView(ParticipantId participantId, String name, List<RolePeriodView> roles) {

    public ParticipantView {
        roles = List.copyOf(roles);
    }

    public ParticipantView rolesAsAt(LocalDate date) {
        return new ParticipantView(
                participantId,
                name,
                roles.stream().filter(r -> r.period().contains(date)).toList());
    }
}
