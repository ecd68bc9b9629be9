package org.mhhs.backbone.isd.api;

import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.MarketRole;

public record RolePeriodView(MarketRole role, EffectivePeriod period) {}
