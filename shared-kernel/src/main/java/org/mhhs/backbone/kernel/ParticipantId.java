package org.mhhs.backbone.kernel;

// A Market Participant Id (MPID), the four-character code under which an organisation acts in the market.
public record ParticipantId(String value) implements Comparable<ParticipantId> {

    private static final int LENGTH = 4;

    public ParticipantId {
        if (!isWellFormed(value)) {
            throw new InvalidValueException(
                    "ParticipantIdFormat",
                    "participant id must be exactly 4 characters from A-Z and 0-9 but was " + Shown.quoted(value));
        }
    }

    public static ParticipantId of(String value) {
        return new ParticipantId(value);
    }

    @Override
    public int compareTo(ParticipantId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    private static boolean isWellFormed(String value) {
        if (value == null || value.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }
}
