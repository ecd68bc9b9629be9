/**
 * Seeds an empty hub with a synthetic market (bench/synthetic-market) through the hub's own command path, when the
 * run command says {@code --hub.demo.seed=<seed>}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo market")
package org.mhhs.backbone.demo;
