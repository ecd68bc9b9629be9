package org.mhhs.backbone.access;

import java.time.Instant;
import java.util.UUID;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * What a call was authenticated with: kept while a long-lived call is open, so that the hub can check it again and
 * end the call when the credential is revoked or expires.
 */
public sealed interface Credential {

    ParticipantId participantId();

    /** A registered client certificate, by SHA-256 fingerprint, valid until {@code notAfter}. */
    record ClientCertificate(ParticipantId participantId, String fingerprint, Instant notAfter) implements Credential {}

    /** A bearer token (development mode), by its id. */
    record BearerToken(ParticipantId participantId, UUID tokenId) implements Credential {}
}
