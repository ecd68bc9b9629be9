package org.mhhs.backbone.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.PreconditionFailure;
import com.google.rpc.QuotaFailure;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import org.axonframework.commandhandling.CommandExecutionException;
import org.mhhs.backbone.kernel.InvalidValueException;
import org.mhhs.backbone.kernel.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.stereotype.Component;

/**
 * Turns what a call threw into the status a participant can act on: the broken rule's name as ErrorInfo reason,
 * field violations for bad input, precondition violations naming the conflict, UNAVAILABLE when the database was out
 * of reach ({@link DatabaseUnavailable}). Anything unforeseen is INTERNAL with no internals disclosed, and is logged.
 */
@Component
public class GrpcErrors implements GrpcExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GrpcErrors.class);

    @Override
    public StatusException handleException(Throwable exception) {
        return BoundedErrorDetails.bounded(answer(exception));
    }

    private static StatusException answer(Throwable exception) {
        Throwable cause = unwrap(exception);
        return switch (cause) {
            case InvalidRequest invalid ->
                status(
                        Status.Code.INVALID_ARGUMENT,
                        "InvalidArgument",
                        invalid.getMessage(),
                        Any.pack(BadRequest.newBuilder()
                                .addAllFieldViolations(invalid.violations())
                                .build()));
            case RuleViolation violation -> ruleViolation(violation);
            case OutOfRange beyond -> status(Status.Code.OUT_OF_RANGE, beyond.reason(), beyond.getMessage(), null);
            case InvalidValueException invalid ->
                status(Status.Code.INVALID_ARGUMENT, invalid.rule(), invalid.getMessage(), null);
            case Throwable unreachable
            when DatabaseUnavailable.causedBy(unreachable) -> {
                log.warn("A call failed with the database out of reach: {}", unreachable.toString());
                yield DatabaseUnavailable.status();
            }
            default -> {
                log.error("Unexpected failure of a gRPC call", exception);
                yield status(Status.Code.INTERNAL, "Internal", "the hub failed to process the call", null);
            }
        };
    }

    public static StatusException ruleViolation(RuleViolation violation) {
        return switch (violation.kind()) {
            case INVALID ->
                status(
                        Status.Code.INVALID_ARGUMENT,
                        violation.rule(),
                        violation.getMessage(),
                        Any.pack(BadRequest.newBuilder()
                                .addFieldViolations(BadRequest.FieldViolation.newBuilder()
                                        .setField(violation.subject())
                                        .setDescription(violation.getMessage()))
                                .build()));
            case ALREADY_EXISTS -> status(Status.Code.ALREADY_EXISTS, violation.rule(), violation.getMessage(), null);
            case NOT_FOUND -> status(Status.Code.NOT_FOUND, violation.rule(), violation.getMessage(), null);
            case FORBIDDEN -> status(Status.Code.PERMISSION_DENIED, violation.rule(), violation.getMessage(), null);
            case QUOTA ->
                status(
                        Status.Code.RESOURCE_EXHAUSTED,
                        violation.rule(),
                        violation.getMessage(),
                        Any.pack(QuotaFailure.newBuilder()
                                .addViolations(QuotaFailure.Violation.newBuilder()
                                        .setSubject(violation.subject())
                                        .setDescription(violation.getMessage()))
                                .build()));
            case PRECONDITION ->
                status(
                        Status.Code.FAILED_PRECONDITION,
                        violation.rule(),
                        violation.getMessage(),
                        Any.pack(PreconditionFailure.newBuilder()
                                .addViolations(PreconditionFailure.Violation.newBuilder()
                                        .setType(violation.rule())
                                        .setSubject(violation.subject())
                                        .setDescription(violation.getMessage()))
                                .build()));
        };
    }

    public static StatusException status(Status.Code code, String reason, String message, Any detail) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(code.value())
                .setMessage(message)
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setDomain(AccessInterceptor.ERROR_DOMAIN)
                        .setReason(reason)
                        .build()));
        if (detail != null) {
            status.addDetails(detail);
        }
        return StatusProto.toStatusException(status.build());
    }

    /** Axon wraps what a handler threw when it crosses a bus; the rule violation inside is what counts. */
    private static Throwable unwrap(Throwable exception) {
        Throwable current = exception;
        while (current instanceof CommandExecutionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
