// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt;

import java.io.IOException;

/** The MQTT broker could not be reached or refused us; the message names the broker and the reason. */
public final class BrokerUnreachableException extends IOException {

    public BrokerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
