package org.mhhs.backbone.notification;

/**
 * One context's rows of the routing table: who receives each of its event types. Each context has one such bean in
 * this module ({@code IsdRoutes}, {@code RegistrationRoutes}, ...); the routing table collects them all, so a new
 * context adds its own file and edits no other.
 */
interface ContextRoutes {

    void addTo(Routes routes);
}
