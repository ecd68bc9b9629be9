package org.mhhs.backbone.settlement;

import java.util.List;
import java.util.SortedMap;

/**
 * A day's allocation as the projection held it at a consistent point: it reflects every consumption event at a global
 * position up to {@code position} except {@code excludedPositions} (positions below it that were not yet visible).
 */
record FrozenAllocation(
        long position, List<Long> excludedPositions, SortedMap<Allocation.Cell, Allocation.Figure> cells) {}
