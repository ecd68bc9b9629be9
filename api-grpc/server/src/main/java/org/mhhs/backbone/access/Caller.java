package org.mhhs.backbone.access;

import org.mhhs.backbone.kernel.ParticipantId;

/** An authenticated participant and how it proved who it is. */
public record Caller(ParticipantId participantId, AuthenticationMethod method) {

    public enum AuthenticationMethod {
        BEARER_TOKEN("bearer-token"),
        CLIENT_CERTIFICATE("client-certificate");

        private final String label;

        AuthenticationMethod(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
