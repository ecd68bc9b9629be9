package org.mhhs.backbone.isd.api;

/** Every ISD change is broadcast to the whole market. */
public sealed interface IsdEvent permits ParticipantEvent, GspGroupEvent, SettlementCalendarEvent {}
