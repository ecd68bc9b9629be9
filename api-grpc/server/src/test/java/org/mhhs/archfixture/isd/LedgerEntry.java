package org.mhhs.archfixture.isd;

import org.mhhs.archfixture.grpc.LedgerService;

/** A context internal that reaches up into the gRPC layer, and is public so that the gRPC layer can reach back. */
public class LedgerEntry {

    LedgerService service;
}
