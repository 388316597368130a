// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;

/**
 * The host's signature over what it tells a strap (acknowledgements, start and stop commands):
 * ECDSA on the host's P-256 key over SHA-256 ({@value #ALGORITHM}), the key of its certificate
 * {@code backbeat-host} from {@code backbeat pair --host}. The one place both signing and checking
 * happen, so every message a paired strap believes is checked the same way.
 */
public final class HostSignature {

    /** The signature algorithm. */
    public static final String ALGORITHM = "SHA256withECDSA";

    private HostSignature() {
    }

    /** Requires an EC private key; throws naming the algorithm found otherwise. */
    public static PrivateKey requireSigningKey(PrivateKey hostKey) {
        Objects.requireNonNull(hostKey, "hostKey");
        if (!(hostKey instanceof ECPrivateKey)) {
            throw new IllegalArgumentException("the host signs with an EC key (" + ALGORITHM + "), not "
                    + hostKey.getAlgorithm());
        }
        return hostKey;
    }

    /** Requires an EC public key; throws naming the algorithm found otherwise. */
    public static PublicKey requireVerifyingKey(PublicKey hostKey) {
        Objects.requireNonNull(hostKey, "hostKey");
        if (!(hostKey instanceof ECPublicKey)) {
            throw new IllegalArgumentException("the host signs with an EC key (" + ALGORITHM + "), not "
                    + hostKey.getAlgorithm());
        }
        return hostKey;
    }

    /** The DER signature of {@code signedBytes} with {@code hostKey}. */
    public static byte[] sign(PrivateKey hostKey, byte[] signedBytes) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(hostKey);
            signature.update(signedBytes);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the host's key: " + e.getMessage(), e);
        }
    }

    /** Whether {@code signature} is {@code hostKey}'s over {@code signedBytes}; a malformed one is as good as none. */
    public static boolean verifies(PublicKey hostKey, byte[] signedBytes, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(hostKey);
            verifier.update(signedBytes);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException malformed) {
            return false;
        }
    }
}
