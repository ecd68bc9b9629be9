package org.mhhs.backbone.registration.api;

import java.time.LocalDate;
import org.mhhs.backbone.kernel.GspGroupId;

/** The details in force from effectiveFrom until the next entry. */
public record DetailsView(
        LocalDate effectiveFrom, GspGroupId gspGroupId, MarketSegment segment, EnergisationStatus energisation) {}
