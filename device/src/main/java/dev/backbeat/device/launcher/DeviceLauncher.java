// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.launcher;

import dev.backbeat.device.DeviceMain;
import dev.backbeat.device.pi4j.Pi4jHardware;

/**
 * The {@code backbeat-device} jar's main class: the device command ({@link DeviceMain}, in
 * {@code backbeat-device-service}) with the Raspberry Pi's buses through Pi4J for
 * {@code hardware = pi}. The only module that puts Pi4J on a class path.
 */
public final class DeviceLauncher {

    private DeviceLauncher() {
    }

    public static void main(String[] args) {
        System.exit(DeviceMain.commandLine(Pi4jHardware::open).execute(args));
    }
}
