// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.broker;

import dev.backbeat.host.pairing.HostAuthority;
import dev.backbeat.mqtt.TlsFiles;
import java.security.cert.X509Certificate;

/**
 * Who a client of the embedded broker is, as its access rules ({@link TopicAccess}) see it.
 *
 * <ul>
 *   <li>{@link Host}: on the TLS listener with a certificate from the host's CA whose common name
 *       is {@value TlsFiles#HOST_COMMON_NAME}.
 *   <li>{@link Strap}: on the TLS listener with a certificate from the host's CA whose common name
 *       is a device id.
 *   <li>{@link Unknown}: anything else (no certificate, a common name that is no valid device id, a
 *       client on the plain loopback listener while the TLS listener is on); refused, with the reason.
 * </ul>
 *
 * The TLS handshake has already checked the certificate (issued by the host's CA, valid now, for a
 * client); this only reads its common name.
 */
sealed interface ClientIdentity {

    /** The host, paired with {@code backbeat pair --host}. */
    record Host() implements ClientIdentity {
    }

    /** One strap, paired with {@code backbeat pair DEVICE_ID}. */
    record Strap(String deviceId) implements ClientIdentity {
    }

    /** Not a paired client; {@code reason} says why, for the refusal. */
    record Unknown(String reason) implements ClientIdentity {
    }

    /** The identity a client certificate names (its common name), or {@link Unknown} naming what is wrong. */
    static ClientIdentity ofCertificate(X509Certificate certificate) {
        String commonName = TlsFiles.commonName(certificate);
        if (HostAuthority.HOST_IDENTITY.equals(commonName)) {
            return new Host();
        }
        try {
            return new Strap(HostAuthority.requireDeviceId(commonName));
        } catch (IllegalArgumentException invalid) {
            return new Unknown("the certificate's common name '" + commonName + "' is neither the host's nor a device id ("
                    + invalid.getMessage() + ")");
        }
    }

    /** A short name for messages: {@code strap strap-07}, {@code the host}. */
    default String describe() {
        return switch (this) {
            case Host host -> "the host";
            case Strap strap -> "strap " + strap.deviceId();
            case Unknown unknown -> "an unpaired client";
        };
    }
}
