package org.mhhs.backbone.testing;

import java.util.concurrent.atomic.AtomicInteger;

/** Fresh MPIDs, so that tests sharing one running hub never meet each other's participants. */
public final class MarketIds {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 20_000));

    private MarketIds() {}

    /** A 4-character MPID starting with {@code letter}. */
    public static String mpid(char letter) {
        int n = NEXT.incrementAndGet() % (36 * 36 * 36);
        return "" + letter + ALPHABET.charAt(n / (36 * 36)) + ALPHABET.charAt(n / 36 % 36) + ALPHABET.charAt(n % 36);
    }
}
