package org.mhhs.archfixture.isd.api;

/** A query result that does not say it is a view. */
public record ThingSummary(String thingId) {}
