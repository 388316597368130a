// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import picocli.CommandLine.Option;

/** The {@code --broker URI} option of the commands that talk to an MQTT broker. */
final class BrokerOption {

    @Option(names = "--broker", defaultValue = "tcp://127.0.0.1:1883", paramLabel = "URI",
            description = "MQTT broker address. Default: ${DEFAULT-VALUE} (as started by: backbeat broker).")
    String brokerUri;
}
