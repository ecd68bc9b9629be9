package org.mhhs.archfixture.isd;

/** A rule type that other packages can reach; otherwise in shape (final, named like its rule). */
public final class LedgerEntryIsDated {

    static final String RULE = "LedgerEntryIsDated";

    private LedgerEntryIsDated() {}
}
