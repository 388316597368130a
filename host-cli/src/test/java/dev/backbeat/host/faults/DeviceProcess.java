// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.faults;

import dev.backbeat.device.DeviceMain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code backbeat-device} on the simulated strap as a real child process (so it can be killed with
 * SIGKILL mid-session): the device command of {@code backbeat-device-service}, without the Pi4J
 * launcher, which is not on this module's class path.
 */
final class DeviceProcess {

    private DeviceProcess() {
    }

    /** The child's main: the device command without Raspberry Pi support. */
    public static void main(String[] args) {
        System.exit(DeviceMain.commandLine().execute(args));
    }

    static Process start(Path log, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(DeviceProcess.class.getName());
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
