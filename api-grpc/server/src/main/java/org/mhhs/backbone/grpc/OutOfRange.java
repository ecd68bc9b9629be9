package org.mhhs.backbone.grpc;

/** A request that names something past the end of what exists (a position beyond the feed's head): OUT_OF_RANGE. */
public final class OutOfRange extends RuntimeException {

    private final String reason;

    public OutOfRange(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
