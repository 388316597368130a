// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code backbeat device}: what the host sets on a strap. */
@Command(name = "device", mixinStandardHelpOptions = true,
        description = "What the host sets on a strap running 'backbeat-device serve': 'device config DEVICE' shows or sets its configuration.",
        subcommands = {DeviceConfigCommand.class})
final class DeviceCommandGroup implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }
}
