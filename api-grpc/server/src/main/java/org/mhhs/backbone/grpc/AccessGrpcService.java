package org.mhhs.backbone.grpc;

import io.grpc.stub.StreamObserver;
import java.util.UUID;
import org.mhhs.backbone.access.BearerTokens;
import org.mhhs.backbone.access.Caller;
import org.mhhs.backbone.grpc.v1.AccessServiceGrpc;
import org.mhhs.backbone.grpc.v1.IssueTokenRequest;
import org.mhhs.backbone.grpc.v1.IssuedToken;
import org.mhhs.backbone.grpc.v1.ListTokensRequest;
import org.mhhs.backbone.grpc.v1.ListTokensResponse;
import org.mhhs.backbone.grpc.v1.RevokeTokenRequest;
import org.mhhs.backbone.grpc.v1.TokenInfo;
import org.mhhs.backbone.grpc.v1.TokenRevoked;
import org.mhhs.backbone.grpc.v1.WhoAmIRequest;
import org.mhhs.backbone.grpc.v1.WhoAmIResponse;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;
import org.springframework.stereotype.Service;

@Service
class AccessGrpcService extends AccessServiceGrpc.AccessServiceImplBase {

    private final BearerTokens tokens;
    private final IsdQueries isd;

    AccessGrpcService(BearerTokens tokens, IsdQueries isd) {
        this.tokens = tokens;
        this.isd = isd;
    }

    @Override
    public void whoAmI(WhoAmIRequest request, StreamObserver<WhoAmIResponse> response) {
        Caller caller = CallerContext.current();
        IsdGrpcService.reply(response, WhoAmIResponse.newBuilder()
                .setParticipantId(caller.participantId().value())
                .setAuthentication(caller.method().label())
                .build());
    }

    @Override
    public void issueToken(IssueTokenRequest request, StreamObserver<IssuedToken> response) {
        RequestFields fields = new RequestFields();
        ParticipantId participant = fields.participantId("participant_id", request.getParticipantId());
        String description = fields.text("description", request.getDescription(), RequestFields.MAX_TEXT, false);
        fields.validate();
        if (isd.findParticipant(participant).isEmpty()) {
            throw RuleViolation.notFound("ParticipantNotFound", participant.value(),
                    "participant " + participant + " is not registered");
        }
        BearerTokens.IssuedToken issued = tokens.issue(participant, description,
                CallerContext.current().participantId());
        IsdGrpcService.reply(response, IssuedToken.newBuilder()
                .setTokenId(issued.tokenId().toString())
                .setParticipantId(participant.value())
                .setToken(issued.secret())
                .build());
    }

    @Override
    public void revokeToken(RevokeTokenRequest request, StreamObserver<TokenRevoked> response) {
        RequestFields fields = new RequestFields();
        UUID tokenId = fields.uuid("token_id", request.getTokenId());
        fields.validate();
        if (tokens.find(tokenId).isEmpty()) {
            throw RuleViolation.notFound("TokenNotFound", tokenId.toString(), "there is no token " + tokenId);
        }
        tokens.revoke(tokenId, CallerContext.current().participantId());
        IsdGrpcService.reply(response, TokenRevoked.newBuilder().setTokenId(tokenId.toString()).build());
    }

    @Override
    public void listTokens(ListTokensRequest request, StreamObserver<ListTokensResponse> response) {
        RequestFields fields = new RequestFields();
        ParticipantId participant = fields.participantId("participant_id", request.getParticipantId());
        fields.validate();
        ListTokensResponse.Builder answer = ListTokensResponse.newBuilder();
        tokens.tokensOf(participant).forEach(token -> answer.addTokens(TokenInfo.newBuilder()
                .setTokenId(token.tokenId().toString())
                .setParticipantId(token.participantId().value())
                .setDescription(token.description())
                .setIssuedAt(token.issuedAt().toString())
                .setRevokedAt(token.revokedAt().map(Object::toString).orElse(""))));
        IsdGrpcService.reply(response, answer.build());
    }
}
