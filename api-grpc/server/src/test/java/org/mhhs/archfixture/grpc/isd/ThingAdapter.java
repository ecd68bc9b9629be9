package org.mhhs.archfixture.grpc.isd;

import org.mhhs.archfixture.grpc.registration.RegistrationReplies;

/** The ISD adapter borrowing the registration adapter's plumbing instead of the shared root. */
class ThingAdapter {

    String reply() {
        return RegistrationReplies.done();
    }
}
