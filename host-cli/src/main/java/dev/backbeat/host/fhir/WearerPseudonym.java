// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.fhir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The wearer's pseudonym in an export when the clinic gives none ({@code --subject}): the first 16
 * hex digits of SHA-256 over {@code backbeat-wearer:} and the strap's id, so every session of one
 * strap names the same wearer and the Bundle holds no name. It is a pseudonym, not anonymity:
 * whoever knows the strap's id can compute it; a clinic that lends straps gives its own with
 * {@code --subject}.
 */
public final class WearerPseudonym {

    private WearerPseudonym() {
    }

    public static String ofStrap(String deviceId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("backbeat-wearer:" + deviceId).getBytes(StandardCharsets.UTF_8));
            return "wearer-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
