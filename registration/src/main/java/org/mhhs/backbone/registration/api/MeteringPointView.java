package org.mhhs.backbone.registration.api;

import java.util.List;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

public record MeteringPointView(Mpan mpan, ParticipantId registrationService, List<DetailsView> details) {

    public MeteringPointView {
        details = List.copyOf(details);
    }
}
