package org.mhhs.archfixture.isd;

import org.axonframework.eventhandling.EventHandler;
import org.mhhs.archfixture.isd.api.RegisterThingEvent;

/** A public projection left in Axon's default processing group. */
public class PublicLedgerProjection {

    @EventHandler
    void on(RegisterThingEvent event) {}
}
