package org.mhhs.archfixture.isd;

/** Several rules gathered in one holder class instead of one small type each. */
public final class LedgerRules {

    static final String MUST_BALANCE = "LedgerMustBalance";
    static final String CLOSED_ONCE = "LedgerIsClosedOnce";

    private LedgerRules() {}
}
