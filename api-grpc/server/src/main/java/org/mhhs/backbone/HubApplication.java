package org.mhhs.backbone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/** The MHHS event backbone: every bounded context, the gRPC API and their persistence in one process. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(systemName = "MHHS Event Backbone", sharedModules = "kernel")
public class HubApplication {

    public static void main(String[] args) {
        SpringApplication.run(HubApplication.class, args);
    }
}
