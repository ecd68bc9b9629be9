package org.mhhs.backbone.isd.api;

import org.mhhs.backbone.kernel.GspGroupId;

public sealed interface GspGroupEvent extends IsdEvent permits GspGroupRegistered, GspGroupDnoChanged {

    GspGroupId gspGroupId();
}
