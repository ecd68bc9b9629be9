package org.mhhs.archfixture.grpc.disputes;

/** An adapter package for a context the adapter table does not know. */
class DisputeAdapter {}
