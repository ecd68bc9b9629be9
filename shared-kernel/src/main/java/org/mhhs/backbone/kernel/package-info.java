// Value objects of the market shared by every bounded context.
@NullMarked
package org.mhhs.backbone.kernel;

import org.jspecify.annotations.NullMarked;
