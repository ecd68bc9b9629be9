/**
 * Industry standing data: market participants and their roles, GSP groups and their DNOs, and the settlement calendar.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Industry standing data")
package org.mhhs.backbone.isd;
