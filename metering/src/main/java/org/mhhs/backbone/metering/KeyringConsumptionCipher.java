package org.mhhs.backbone.metering;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.metering.api.ConsumptionCipher;
import org.mhhs.backbone.metering.api.ReadingsCodec;
import org.mhhs.backbone.metering.api.SubmitConsumption;
import org.springframework.stereotype.Component;

/**
 * {@link ConsumptionCipher} over the MPANs' data keys: readings in their binary form, sealed with AES-256-GCM, the
 * MPAN, settlement day and key version as associated data, base64 once (no padding) in the event.
 */
@Component
class KeyringConsumptionCipher implements ConsumptionCipher {

    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

    private final DataKeys keys;

    KeyringConsumptionCipher(DataKeys keys) {
        this.keys = keys;
    }

    @Override
    public Sealed seal(Mpan mpan, LocalDate settlementDate, List<SubmitConsumption.Reading> readings) {
        DataKey key = keys.current(mpan);
        byte[] sealed = Aead.seal(
                key.key(), associatedData(mpan, settlementDate, key.version()), ReadingsCodec.encode(readings));
        return new Sealed(key.version(), BASE64.encodeToString(sealed));
    }

    @Override
    public Optional<List<SubmitConsumption.Reading>> open(
            Mpan mpan, LocalDate settlementDate, int keyVersion, int periodCount, @Nullable String sealedReadings) {
        if (sealedReadings == null) {
            return Optional.empty();
        }
        return keys.find(mpan, keyVersion)
                .flatMap(key -> Aead.open(
                        key.key(),
                        associatedData(mpan, settlementDate, keyVersion),
                        Base64.getDecoder().decode(sealedReadings)))
                .map(plain -> ReadingsCodec.decode(periodCount, plain));
    }

    private static byte[] associatedData(Mpan mpan, LocalDate settlementDate, int keyVersion) {
        return ("consumption|" + mpan.value() + "|" + settlementDate + "|" + keyVersion)
                .getBytes(StandardCharsets.US_ASCII);
    }
}
