package org.mhhs.archfixture.isd;

import java.sql.Connection;
import org.axonframework.spring.stereotype.Aggregate;

/** An aggregate that is public, talks SQL and can be constructed empty by anyone. */
@Aggregate
public class PublicLedger {

    Connection connection;

    public PublicLedger() {}
}
