package org.mhhs.backbone.grpc;

import org.mhhs.backbone.grpc.v1.EventEnvelope;

/**
 * A context's part of the envelope subscribers receive: the typed body of its own events. Each context's adapter
 * package provides one as a bean; the renderer asks each in turn, so a new context adds its events without editing
 * the renderer.
 */
public interface EnvelopeContent {

    /** Sets the typed body of {@code payload} on the envelope if it is an event of this context. */
    boolean fill(Object payload, EventEnvelope.Builder envelope);
}
