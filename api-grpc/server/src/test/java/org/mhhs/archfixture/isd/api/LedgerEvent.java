package org.mhhs.archfixture.isd.api;

/** An event family that handlers cannot switch over exhaustively. */
public interface LedgerEvent {}
