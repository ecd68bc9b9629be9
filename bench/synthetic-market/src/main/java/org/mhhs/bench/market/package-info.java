/** A deterministic synthetic market from a seed: standing data, metering points and half-hourly consumption. */
package org.mhhs.bench.market;
