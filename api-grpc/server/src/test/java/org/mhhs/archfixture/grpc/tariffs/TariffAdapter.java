package org.mhhs.archfixture.grpc.tariffs;

/** An adapter package for a context the adapter table does not know. */
class TariffAdapter {}
