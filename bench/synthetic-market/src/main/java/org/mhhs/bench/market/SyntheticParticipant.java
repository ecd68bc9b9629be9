package org.mhhs.bench.market;

import org.mhhs.backbone.kernel.MarketRole;

/** A market participant (MPID) and the one role it holds from {@link SyntheticMarket#ROLES_FROM}. */
public record SyntheticParticipant(String id, String name, MarketRole role) {}
