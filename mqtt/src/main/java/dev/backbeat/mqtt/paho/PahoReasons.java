// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.paho;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * One-line reasons from Paho's exceptions (v3 and v5 alike), in words: what went wrong on the way
 * to the broker (a name that does not resolve, nothing listening, a certificate that does not fit)
 * rather than Paho's {@code Untranslated MqttException - RC: 0} or the JDK's PKIX strings.
 */
final class PahoReasons {

    static final int CONNECT_TIMEOUT_SECONDS = 5;

    private PahoReasons() {
    }

    /** The cause in words when it is one we know, else Paho's own message plus the underlying cause. */
    static String describe(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String words = inWords(cause);
            if (words != null) {
                return words;
            }
        }
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !cause.getMessage().equals(message)) {
            message = message + " (" + cause.getMessage() + ")";
        }
        return message;
    }

    private static String inWords(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof UnknownHostException) {
            return "cannot resolve " + message + " (no such name in DNS or /etc/hosts)";
        }
        if (cause instanceof ConnectException) {
            return "nothing accepts connections there (" + message + ")";
        }
        if (cause instanceof NoRouteToHostException) {
            return "no route to the broker's address (" + message + ")";
        }
        if (cause instanceof SocketTimeoutException) {
            return "no answer within " + CONNECT_TIMEOUT_SECONDS + " s";
        }
        if (cause instanceof CertificateExpiredException) {
            return "a certificate has expired (" + message + ")";
        }
        if (cause instanceof CertificateNotYetValidException) {
            return "a certificate is not valid yet (check this machine's clock)";
        }
        if (cause instanceof SSLHandshakeException || cause instanceof SSLException) {
            return tlsInWords(cause);
        }
        return null;
    }

    /** The TLS handshake failed: the JDK's message names the case, which is told in words. */
    private static String tlsInWords(Throwable handshake) {
        for (Throwable cause = handshake; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateExpiredException) {
                return "the broker's certificate has expired";
            }
            if (cause instanceof CertPathValidatorException || cause instanceof java.security.cert.CertPathBuilderException) {
                return "the broker's certificate is not issued by the CA in ca.crt (another CA, or a broker of another clinic)";
            }
        }
        String message = String.valueOf(handshake.getMessage());
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            String name = message.replaceFirst(".*matching (IP address )?(\\S+?)\\.? found.*", "$2");
            return "the broker's certificate is not for the name " + name + " in the broker address (pair the broker "
                    + "for the names clients use: backbeat pair --broker NAME...)";
        }
        if (message.contains("PKIX") || message.contains("certification path")) {
            return "the broker's certificate is not issued by the CA in ca.crt (another CA, or a broker of another clinic)";
        }
        if (message.contains("bad_certificate") || message.contains("certificate_unknown")
                || message.contains("certificate_required") || message.contains("unknown_ca")
                || message.contains("certificate_expired") || message.contains("access_denied")) {
            String alert = message.replaceFirst(".*fatal alert: (\\S+).*", "$1");
            return "the broker refused this client's certificate (TLS alert " + alert + "): not issued by the broker's CA, "
                    + "expired, or missing";
        }
        if (message.contains("protocol_version") || message.contains("No appropriate protocol")) {
            return "the broker and this client share no TLS version (TLS 1.3 is required)";
        }
        if (message.contains("Unsupported or unrecognized SSL message") || message.contains("plaintext")) {
            return "the broker's port does not speak TLS (use tcp:// for a plain port, or the TLS port)";
        }
        if (message.contains("Remote host terminated") || message.contains("closed")) {
            return "the broker closed the connection during the TLS handshake (it may require a client certificate)";
        }
        return "TLS handshake failed: " + message;
    }
}
