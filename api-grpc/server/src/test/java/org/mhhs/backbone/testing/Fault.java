package org.mhhs.backbone.testing;

/**
 * One fault of the fault suite ({@link FaultLoad#survive}): what it does to the hub or its database while the load
 * runs. {@link #inject} returns once the fault has been dealt with the way production deals with it (the node is
 * dead and its peer carries on, the database is back, the standby is promoted); the load and the subscribers go on
 * throughout. A new fault (a poison event, a long-delayed commit) is one more of these.
 */
public interface Fault {

    String name();

    void inject() throws Exception;

    static Fault of(String name, Injection injection) {
        return new Fault() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void inject() throws Exception {
                injection.inject();
            }
        };
    }

    @FunctionalInterface
    interface Injection {
        void inject() throws Exception;
    }
}
