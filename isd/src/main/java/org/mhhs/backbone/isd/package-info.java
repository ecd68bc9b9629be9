/**
 * Industry standing data: market participants and their roles, GSP groups and their DNOs, and the settlement calendar.
 */
@ApplicationModule(displayName = "Industry standing data")
package org.mhhs.backbone.isd;

import org.springframework.modulith.ApplicationModule;
