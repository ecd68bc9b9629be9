package org.mhhs.backbone.registration.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

public record RegisterSupplier(@TargetAggregateIdentifier Mpan mpan, ParticipantId supplier, LocalDate effectiveFrom) {}
