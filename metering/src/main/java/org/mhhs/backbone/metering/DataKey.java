package org.mhhs.backbone.metering;

import javax.crypto.SecretKey;
import org.mhhs.backbone.kernel.Mpan;

/** Version {@code version} of an MPAN's data key, unwrapped: it never leaves the process. */
record DataKey(Mpan mpan, int version, SecretKey key) {}
