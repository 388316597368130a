// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.mqtt.control.DeviceCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backbeat start DEVICE}: see {@link dev.backbeat.host.control.DeviceCommander}. */
@Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Starts a session on a strap running 'backbeat-device serve' (as its button would) and waits for its answer: started, or refused (already recording, disk full, hardware unavailable).",
            "The command is retained on the broker while waiting, then withdrawn; with --tls it is signed with the host's key, and a paired strap refuses it unsigned."})
final class StartCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEVICE", description = "The strap's device id, e.g. strap-01.")
    private String deviceId;

    @Mixin
    private StrapConnection connection;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "How long to wait for the strap's answer. Default: ${DEFAULT-VALUE}.")
    private double timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        return DeviceCommandRun.run("start", deviceId, DeviceCommand.Action.START, connection, timeoutSeconds,
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
