/**
 * Deliberate architecture violations, one per rule family, so that the architecture tests can show each rule
 * catches what it is meant to catch. Outside {@code org.mhhs.backbone} so that neither the module model nor the
 * component scan ever sees them.
 */
package org.mhhs.archfixture;
