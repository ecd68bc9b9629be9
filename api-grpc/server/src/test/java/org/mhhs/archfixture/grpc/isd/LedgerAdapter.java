package org.mhhs.archfixture.grpc.isd;

import org.mhhs.archfixture.settlement.api.Payout;

/** The ISD adapter answering with a downstream context's type. */
class LedgerAdapter {

    Payout payout;
}
