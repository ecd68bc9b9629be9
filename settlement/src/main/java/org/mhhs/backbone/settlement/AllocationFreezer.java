package org.mhhs.backbone.settlement;

import java.time.LocalDate;

/** Reads a day's allocation together with the exact event-store position it reflects. */
interface AllocationFreezer {

    FrozenAllocation freeze(LocalDate settlementDate);
}
