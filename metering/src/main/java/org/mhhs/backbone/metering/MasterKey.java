package org.mhhs.backbone.metering;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.mhhs.backbone.kernel.Mpan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The key-encryption key that wraps every MPAN's data key, read from {@code hub.encryption.master-key-file} (256 bits,
 * base64). When the file does not exist the hub creates it with a random key, readable only by the hub's user: that
 * suits the embedded default run; production mounts it as a secret (or replaces this class by a KMS/HSM call).
 */
@Component
class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    private static final byte[] CHECK = "mhhs master key check".getBytes(StandardCharsets.US_ASCII);

    private final SecretKey key;

    MasterKey(@Value("${hub.encryption.master-key-file:${hub.data-dir:hub-data}/master.key}") Path file) {
        this.key = new SecretKeySpec(readOrCreate(file), "AES");
    }

    byte[] wrap(DataKey dataKey) {
        return Aead.seal(
                key,
                associatedData(dataKey.mpan(), dataKey.version()),
                dataKey.key().getEncoded());
    }

    DataKey unwrap(Mpan mpan, int version, byte[] wrapped) {
        byte[] raw = Aead.open(key, associatedData(mpan, version), wrapped)
                .orElseThrow(() -> new IllegalStateException(
                        "data key " + version + " of " + mpan + " does not open with the configured master key"));
        return new DataKey(mpan, version, new SecretKeySpec(raw, "AES"));
    }

    /** A known value sealed with this master key, to tell later whether a node holds the same key. */
    byte[] sealCheck() {
        return Aead.seal(key, CHECK, CHECK);
    }

    boolean opensCheck(byte[] sealed) {
        return Aead.open(key, CHECK, sealed).isPresent();
    }

    private static byte[] associatedData(Mpan mpan, int version) {
        return ("data-key|" + mpan.value() + "|" + version).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] readOrCreate(Path file) {
        try {
            Optional<byte[]> existing = read(file);
            if (existing.isPresent()) {
                return existing.get();
            }
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".master", ".key");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                log.warn("{} is not on a POSIX file system; restrict its permissions by hand", file);
            }
            Files.writeString(
                    temporary,
                    Base64.getEncoder().encodeToString(Aead.newKey().getEncoded()) + System.lineSeparator(),
                    StandardCharsets.US_ASCII);
            try {
                // no replacing: another hub node sharing the directory may have created it first
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                log.info("Created a new master key for consumption data keys in {}", file);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(temporary);
            }
            return read(file).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key " + file, e);
        }
    }

    private static Optional<byte[]> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        byte[] key = Base64.getDecoder()
                .decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        if (key.length != Aead.KEY_BYTES) {
            throw new IllegalStateException(
                    "the master key " + file + " must hold " + Aead.KEY_BYTES + " bytes in base64, not " + key.length);
        }
        return Optional.of(key);
    }
}
