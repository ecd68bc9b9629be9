package org.mhhs.backbone.registration.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

/** The gaining supplier withdraws its registration that takes effect on effectiveFrom, before that day. */
public record WithdrawSupplierRegistration(
        @TargetAggregateIdentifier Mpan mpan, LocalDate effectiveFrom, ParticipantId requestedBy) {}
