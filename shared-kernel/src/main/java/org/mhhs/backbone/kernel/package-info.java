// Value objects of the market shared by every bounded context.
package org.mhhs.backbone.kernel;
