package org.mhhs.backbone.grpc;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.stub.StreamObserver;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.mhhs.backbone.grpc.v1.CommandAck;
import org.mhhs.backbone.grpc.v1.CommandHeader;
import org.mhhs.backbone.hub.AxonPersistenceConfiguration;
import org.mhhs.backbone.hub.EventStoreReader;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a command on behalf of the caller exactly once per command id. The id is recorded in the same database
 * transaction that appends the command's events, so a resent command either finds its id (and changes nothing) or
 * runs as if for the first time; there is no in-between.
 */
@Component
public class CommandDispatcher {

    public static final String COMMAND_ID_REUSED = "CommandIdReused";

    private final CommandGateway commands;
    private final EventStoreReader eventStoreReader;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final Clock clock;

    CommandDispatcher(
            CommandGateway commands,
            TransactionTemplate transaction,
            JdbcClient jdbc,
            Clock clock,
            EventStoreReader eventStoreReader) {
        this.commands = commands;
        this.eventStoreReader = eventStoreReader;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What the command is about, for errors: e.g. "participant ABCD". */
    public record Target(String description) {}

    /** What a command RPC sends once its request is valid: the command and what it is about. */
    public record Dispatch<C>(C command, Target target) {}

    /** Reads a command request's fields; the dispatch it returns is made only once every field is valid. */
    @FunctionalInterface
    public interface CommandReader<C> {
        Supplier<Dispatch<C>> read(RequestFields fields);
    }

    /** What a command answered: its handler's result as text (empty when it has none). */
    public record Outcome(String commandId, boolean duplicate, String result) {

        public CommandAck ack() {
            return into(CommandAck.newBuilder()).build();
        }

        /** A command RPC's reply with its {@code command_id} and {@code duplicate} fields set from this outcome. */
        public <B extends Message.Builder> B into(B reply) {
            reply.setField(field(reply, "command_id"), commandId);
            reply.setField(field(reply, "duplicate"), duplicate);
            return reply;
        }

        private static FieldDescriptor field(Message.Builder reply, String name) {
            FieldDescriptor field = reply.getDescriptorForType().findFieldByName(name);
            if (field == null) {
                throw new IllegalStateException(reply.getDescriptorForType().getName() + " has no field " + name);
            }
            return field;
        }
    }

    /** The whole of a command RPC that answers a {@link CommandAck}: read, validate, send once, reply. */
    public void answer(Message request, StreamObserver<CommandAck> response, CommandReader<?> reader) {
        Replies.reply(response, send(request, reader).ack());
    }

    /** Sends the command of the RPC being served; the RPC's name comes from the call. */
    public Outcome send(Message request, CommandReader<?> reader) {
        return send(CallerContext.rpc(), request, reader, (command, accepted) -> {});
    }

    /**
     * Like {@link #send(Message, CommandReader)}; {@code alsoRecord} runs in the same transaction once the command is
     * accepted, with the command sent.
     */
    public <C> Outcome send(Message request, CommandReader<C> reader, BiConsumer<C, Outcome> alsoRecord) {
        return send(CallerContext.rpc(), request, reader, alsoRecord);
    }

    /**
     * Sends a command as if by the unary RPC {@code rpc}: a stream's items use this, so that an item sent again by the
     * unary RPC is recognised as the same command.
     */
    public Outcome send(MethodDescriptor<?, ?> rpc, Message request, CommandReader<?> reader) {
        return send(rpc.getBareMethodName(), request, reader, (command, accepted) -> {});
    }

    private <C> Outcome send(String rpc, Message request, CommandReader<C> reader, BiConsumer<C, Outcome> alsoRecord) {
        CommandHeader header = header(request);
        RequestFields fields = RequestFields.ofCommand(header);
        Supplier<Dispatch<C>> read = reader.read(fields);
        fields.validate();
        Dispatch<C> dispatch = read.get();
        C command = dispatch.command();
        Target target = dispatch.target();
        ParticipantId caller = CallerContext.participant();
        byte[] requestHash = sha256(request.toByteArray());
        Outcome outcome = transaction.execute(status -> {
            int inserted = jdbc.sql("""
                    INSERT INTO access.processed_command (participant_id, command_id, rpc, request_hash, accepted_at)
                    VALUES (:participant, :commandId, :rpc, :hash, :now) ON CONFLICT DO NOTHING""")
                    .param("participant", caller.value())
                    .param("commandId", header.getCommandId())
                    .param("rpc", rpc)
                    .param("hash", requestHash)
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
            if (inserted == 0) {
                return duplicate(caller, header.getCommandId(), rpc, requestHash);
            }
            Object result;
            try {
                result = commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                        .andMetaData(Map.of(AxonPersistenceConfiguration.PRODUCING_PARTICIPANT, caller.value())));
            } catch (AggregateStreamCreationException e) {
                throw RuleViolation.alreadyExists(
                        "AlreadyExists", target.description(), target.description() + " already exists");
            } catch (AggregateNotFoundException e) {
                throw RuleViolation.notFound(
                        "NotFound", target.description(), target.description() + " does not exist");
            }
            String answer = result == null || result.toString().length() > 64 ? "" : result.toString();
            if (!answer.isEmpty()) {
                jdbc.sql("""
                        UPDATE access.processed_command SET result = :result
                        WHERE participant_id = :participant AND command_id = :commandId""")
                        .param("result", answer)
                        .param("participant", caller.value())
                        .param("commandId", header.getCommandId())
                        .update();
            }
            Outcome accepted = new Outcome(header.getCommandId(), false, answer);
            alsoRecord.accept(command, accepted);
            return accepted;
        });
        if (!outcome.duplicate()) {
            eventStoreReader.eventsCommitted();
        }
        return outcome;
    }

    private Outcome duplicate(ParticipantId caller, String commandId, String rpc, byte[] requestHash) {
        record Earlier(String rpc, byte[] hash, String result) {}
        Earlier earlier = jdbc.sql("""
                SELECT rpc, request_hash, result FROM access.processed_command
                WHERE participant_id = :participant AND command_id = :commandId""")
                .param("participant", caller.value())
                .param("commandId", commandId)
                .query((rs, n) -> new Earlier(rs.getString(1), rs.getBytes(2), rs.getString(3)))
                .single();
        if (!earlier.rpc().equals(rpc) || !Arrays.equals(earlier.hash(), requestHash)) {
            throw RuleViolation.alreadyExists(
                    COMMAND_ID_REUSED,
                    commandId,
                    "command id " + commandId + " was already used by " + caller + " for a different command ("
                            + earlier.rpc() + ")");
        }
        return new Outcome(commandId, true, earlier.result() == null ? "" : earlier.result());
    }

    private static CommandHeader header(Message request) {
        FieldDescriptor field = request.getDescriptorForType().findFieldByName("header");
        if (field == null || !(request.getField(field) instanceof CommandHeader header)) {
            throw new IllegalStateException(request.getDescriptorForType().getName() + " has no command header");
        }
        return header;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
