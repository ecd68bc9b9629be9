package org.mhhs.archfixture.isd.api;

/** An event named like a command, with the suffix the convention forbids. */
public record RegisterThingEvent(String thingId) implements LedgerEvent {}
