package org.mhhs.archfixture.isd.api;

/** Behaviour, not a message, in a published api package. */
public class ThingHelper {

    public String describe(ThingSummary summary) {
        return summary.thingId();
    }
}
