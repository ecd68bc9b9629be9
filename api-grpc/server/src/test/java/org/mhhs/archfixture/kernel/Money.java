package org.mhhs.archfixture.kernel;

import org.springframework.util.Assert;

/** A value object that validates with Spring instead of plain Java. */
public record Money(long pence) {

    public Money {
        Assert.isTrue(pence >= 0, "no negative money");
    }
}
