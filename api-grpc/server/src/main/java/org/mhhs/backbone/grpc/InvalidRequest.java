package org.mhhs.backbone.grpc;

import com.google.rpc.BadRequest.FieldViolation;
import java.util.List;

/** A request with one or more malformed fields; reported as INVALID_ARGUMENT listing every violation. */
public final class InvalidRequest extends RuntimeException {

    private final List<FieldViolation> violations;

    public InvalidRequest(List<FieldViolation> violations) {
        super(violations.stream()
                .map(v -> v.getField() + ": " + v.getDescription())
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid request"));
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
