package org.mhhs.backbone.metering;

import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a hub node whose master key is not the one the database's data keys are wrapped with (a node
 * configured with another file would wrap new keys no other node can open). The first node on a database records a
 * value sealed with its master key; every later start must open it.
 */
@Component
class MasterKeyCheck {

    private final JdbcClient jdbc;
    private final MasterKey master;

    MasterKeyCheck(JdbcClient jdbc, MasterKey master) {
        this.jdbc = jdbc;
        this.master = master;
    }

    @EventListener(ContextRefreshedEvent.class)
    void sameMasterKeyAsTheDatabase() {
        jdbc.sql("INSERT INTO metering.master_key_check (id, sealed) VALUES (1, :sealed) ON CONFLICT DO NOTHING")
                .param("sealed", master.sealCheck())
                .update();
        byte[] recorded = jdbc.sql("SELECT sealed FROM metering.master_key_check WHERE id = 1")
                .query(byte[].class)
                .single();
        if (!master.opensCheck(recorded)) {
            throw new IllegalStateException("hub.encryption.master-key-file holds another master key than the one "
                    + "this database's consumption data keys are wrapped with: every hub node must read the same key");
        }
    }
}
