package org.mhhs.archfixture.grpc;

import org.mhhs.archfixture.isd.LedgerEntry;

/** Uses a context internal instead of the context's api, and closes a cycle with it. */
public class LedgerService {

    LedgerEntry entry;
}
