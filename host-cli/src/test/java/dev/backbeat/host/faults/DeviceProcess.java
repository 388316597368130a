// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code backbeat-device} as a real child process (so it can be killed with SIGKILL mid-session). */
final class DeviceProcess {

    private DeviceProcess() {
    }

    static Process start(Path log, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.backbeat.device.DeviceMain");
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
