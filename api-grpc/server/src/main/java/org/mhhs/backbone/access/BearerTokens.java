package org.mhhs.backbone.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.mhhs.backbone.kernel.ParticipantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Bearer tokens of participants. Only a SHA-256 hash of each token is stored: tokens carry 256 random bits, so a
 * fast hash is enough, and a leaked table does not let anyone call the hub.
 */
@Component
public class BearerTokens {

    static final String PREFIX = "mhhs_";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    BearerTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record IssuedToken(UUID tokenId, ParticipantId participantId, String secret) {}

    public record TokenInfo(
            UUID tokenId,
            ParticipantId participantId,
            String description,
            Instant issuedAt,
            Optional<Instant> revokedAt) {}

    public IssuedToken issue(ParticipantId participant, String description, ParticipantId issuedBy) {
        byte[] secretBytes = new byte[32];
        random.nextBytes(secretBytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        UUID tokenId = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO access.bearer_token
                    (token_id, participant_id, token_hash, description, issued_at, issued_by)
                VALUES (:id, :participant, :hash, :description, :now, :by)""")
                .param("id", tokenId)
                .param("participant", participant.value())
                .param("hash", hash(secret))
                .param("description", description == null ? "" : description)
                .param("now", Timestamp.from(clock.instant()))
                .param("by", issuedBy.value())
                .update();
        return new IssuedToken(tokenId, participant, secret);
    }

    /** The token and the participant it belongs to, if the presented secret is a valid, unrevoked token. */
    public Optional<Credential.BearerToken> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT participant_id, token_id FROM access.bearer_token"
                        + " WHERE token_hash = :hash AND revoked_at IS NULL")
                .param("hash", hash(presented))
                .query((rs, row) ->
                        new Credential.BearerToken(ParticipantId.of(rs.getString(1)), rs.getObject(2, UUID.class)))
                .optional();
    }

    /**
     * Of the tokens that open calls were authenticated with, those revoked since ({@code CredentialRevoked}). One
     * query for them all.
     */
    public Map<Credential.BearerToken, ClientCertificates.Refused> refusedNow(
            Collection<Credential.BearerToken> presented) {
        if (presented.isEmpty()) {
            return Map.of();
        }
        Set<UUID> valid = new HashSet<>(jdbc.sql("""
                SELECT token_id FROM access.bearer_token
                WHERE token_id = ANY (CAST(:ids AS uuid[])) AND revoked_at IS NULL""")
                .param(
                        "ids",
                        presented.stream()
                                .map(token -> token.tokenId().toString())
                                .distinct()
                                .toArray(String[]::new))
                .query(UUID.class)
                .list());
        Map<Credential.BearerToken, ClientCertificates.Refused> refused = new HashMap<>();
        for (Credential.BearerToken token : presented) {
            if (!valid.contains(token.tokenId())) {
                refused.put(
                        token,
                        new ClientCertificates.Refused(
                                "CredentialRevoked", "the bearer token " + token.tokenId() + " was revoked"));
            }
        }
        return refused;
    }

    /** Revokes a token; false when there is no such unrevoked token. */
    public boolean revoke(UUID tokenId, ParticipantId revokedBy) {
        return jdbc.sql("""
                UPDATE access.bearer_token SET revoked_at = :now, revoked_by = :by
                WHERE token_id = :id AND revoked_at IS NULL""")
                        .param("now", Timestamp.from(clock.instant()))
                        .param("by", revokedBy.value())
                        .param("id", tokenId)
                        .update()
                == 1;
    }

    public Optional<TokenInfo> find(UUID tokenId) {
        return jdbc.sql(SELECT_INFO + " WHERE token_id = :id")
                .param("id", tokenId)
                .query(this::info)
                .optional();
    }

    public List<TokenInfo> tokensOf(ParticipantId participant) {
        return jdbc.sql(SELECT_INFO + " WHERE participant_id = :participant ORDER BY issued_at")
                .param("participant", participant.value())
                .query(this::info)
                .list();
    }

    private static final String SELECT_INFO =
            "SELECT token_id, participant_id, description, issued_at, revoked_at FROM access.bearer_token";

    private TokenInfo info(ResultSet rs, int row) throws SQLException {
        OffsetDateTime revoked = rs.getObject(5, OffsetDateTime.class);
        return new TokenInfo(
                rs.getObject(1, UUID.class),
                ParticipantId.of(rs.getString(2)),
                rs.getString(3),
                rs.getObject(4, OffsetDateTime.class).toInstant(),
                Optional.ofNullable(revoked).map(OffsetDateTime::toInstant));
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
