package org.mhhs.archfixture.isd;

/** A rule type that can be extended; otherwise in shape (package-private, named like its rule). */
class LedgerIsClosedOnce {

    static final String RULE = "LedgerIsClosedOnce";

    private LedgerIsClosedOnce() {}
}
