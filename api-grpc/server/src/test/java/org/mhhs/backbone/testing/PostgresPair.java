package org.mhhs.backbone.testing;

import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A PostgreSQL primary with a synchronous streaming standby, both from the embedded binaries the hub uses (which
 * carry no {@code pg_basebackup}): the standby starts from a copy of the primary's cluster taken while it is cleanly
 * stopped, before anything is written. Every commit on the primary returns only once the standby has flushed it
 * ({@code synchronous_standby_names}, {@code synchronous_commit=on}), so what the hub acknowledged survives the loss
 * of the primary. {@link #jdbcUrl()} names both hosts and follows whichever is the primary, as pgjdbc documents.
 */
public final class PostgresPair implements AutoCloseable {

    private static final String STANDBY_NAME = "standby";

    private final Path primaryDir;
    private final Path standbyDir;
    private final int primaryPort;
    private final int standbyPort;
    private EmbeddedPostgres primary;
    private EmbeddedPostgres standby;

    private PostgresPair(Path primaryDir, Path standbyDir, int primaryPort, int standbyPort) {
        this.primaryDir = primaryDir;
        this.standbyDir = standbyDir;
        this.primaryPort = primaryPort;
        this.standbyPort = standbyPort;
    }

    /** Creates both clusters under {@code dir} and waits until the standby streams synchronously. */
    public static PostgresPair start(Path dir) {
        PostgresPair pair = new PostgresPair(dir.resolve("primary"), dir.resolve("standby"), freePort(), freePort());
        try {
            // initdb, then a clean stop: the cold copy is a valid base for the standby
            pair.startPrimary().close();
            copyCluster(pair.primaryDir, pair.standbyDir);
            Files.createFile(pair.standbyDir.resolve("standby.signal"));
            // in the configuration file: a -c option of pg_ctl cannot carry a value with spaces
            Files.writeString(
                    pair.standbyDir.resolve("postgresql.auto.conf"),
                    "primary_conninfo = 'host=localhost port=" + pair.primaryPort + " user=postgres application_name="
                            + STANDBY_NAME + "'\n",
                    StandardOpenOption.APPEND);
            pair.primary = pair.startPrimary();
            pair.standby = pair.server(pair.standbyDir, pair.standbyPort)
                    .setServerConfig("hot_standby", "on")
                    // back to a restarted primary within half a second: until then its commits wait for it
                    .setServerConfig("wal_retrieve_retry_interval", "500ms")
                    .start();
        } catch (IOException e) {
            pair.close();
            throw new UncheckedIOException(e);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "sync"
                        .equals(pair.primaryJdbc()
                                .sql("SELECT sync_state FROM pg_stat_replication WHERE application_name = :name")
                                .param("name", STANDBY_NAME)
                                .query(String.class)
                                .optional()
                                .orElse(null)));
        return pair;
    }

    private EmbeddedPostgres startPrimary() throws IOException {
        return server(primaryDir, primaryPort)
                .setServerConfig("synchronous_standby_names", STANDBY_NAME)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("wal_level", "replica")
                .setServerConfig("max_wal_senders", "4")
                // the standby catches up from the primary's own WAL: it starts from a copy taken before any write
                .setServerConfig("wal_keep_size", "512MB")
                .start();
    }

    private EmbeddedPostgres.Builder server(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("max_connections", "200")
                .setRegisterShutdownHook(false);
    }

    /** Both hosts, primary first; pgjdbc connects to whichever of them is the primary now. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + primaryPort + ",localhost:" + standbyPort
                + "/postgres?user=postgres&targetServerType=primary&hostRecheckSeconds=2";
    }

    public JdbcClient primaryJdbc() {
        return JdbcClient.create(primary.getPostgresDatabase());
    }

    /** The standby (or, after {@link #promoteStandby}, the new primary). */
    public JdbcClient standbyJdbc() {
        return JdbcClient.create(standbyDataSource());
    }

    public DataSource standbyDataSource() {
        return standby.getPostgresDatabase();
    }

    /** SIGKILL to the primary's postmaster and every backend: the machine is gone, nothing is flushed. */
    public void killPrimary() {
        ProcessHandle postmaster = postmaster(primaryDir);
        List<ProcessHandle> processes =
                Stream.concat(Stream.of(postmaster), postmaster.descendants()).toList();
        processes.forEach(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(30)).until(() -> processes.stream().noneMatch(ProcessHandle::isAlive));
    }

    /** Makes the standby the primary and waits until it takes writes, as an operator or Patroni would. */
    public void promoteStandby() {
        standbyJdbc().sql("SELECT pg_promote(true, 60)").query(Boolean.class).single();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !standbyJdbc()
                        .sql("SELECT pg_is_in_recovery()")
                        .query(Boolean.class)
                        .single());
    }

    /** Stops the primary with a fast shutdown: every session is ended, as a restart or a minor upgrade does. */
    public void stopPrimary() {
        try {
            primary.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the primary {@link #stopPrimary stopped} on the same data and port; the standby reconnects to it. */
    public void startPrimaryAgain() {
        try {
            primary = startPrimary();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProcessHandle postmaster(Path dataDir) {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid"))
                    .getFirst()
                    .strip());
            return ProcessHandle.of(pid).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyCluster(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                String name = file.getFileName().toString();
                if (name.equals("postmaster.pid") || name.equals("epg-lock")) {
                    continue;
                }
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                    // PostgreSQL refuses a data directory others may read
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (EmbeddedPostgres server : new EmbeddedPostgres[] {standby, primary}) {
            if (server != null) {
                try {
                    server.close();
                } catch (IOException | RuntimeException alreadyDead) {
                    // a killed primary cannot be stopped
                }
            }
        }
    }
}
