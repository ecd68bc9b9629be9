package org.mhhs.archfixture.settlement.api;

/** A downstream context's published type, which an upstream context's adapter must not use. */
public record Payout(long pence) {}
