package org.mhhs.archfixture.isd.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A command with the suffix the convention forbids. */
public record RegisterThingCommand(
        @TargetAggregateIdentifier String thingId) {}
