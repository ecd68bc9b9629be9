package org.mhhs.archfixture.grpc.registration;

/** Plumbing kept in one context's adapter, which another context's adapter borrows. */
public final class RegistrationReplies {

    private RegistrationReplies() {}

    public static String done() {
        return "done";
    }
}
