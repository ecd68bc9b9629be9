package org.mhhs.archfixture.isd;

/** A rule type whose wire name is not its own name; otherwise in shape (final, package-private). */
final class LedgerMustBalance {

    static final String RULE = "LedgerBalances";

    private LedgerMustBalance() {}
}
