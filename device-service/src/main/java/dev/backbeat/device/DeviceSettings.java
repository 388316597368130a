// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import dev.backbeat.core.pacer.PacerSettings;
import dev.backbeat.core.rhythm.RhythmSettings;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.spine.SpinalAngleSettings;
import dev.backbeat.device.config.DeviceConfiguration;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the device service's core needs for a session (the hardware is described by
 * {@link DeviceConfiguration}).
 *
 * @param deviceId this strap's id, used in MQTT topics (default {@code strap-01})
 * @param dataDirectory where sessions are recorded before and after publishing
 * @param pacer the haptic breath pacer (default 6 breaths/min)
 * @param spinalAngles orientation and calibration settings
 * @param rhythm repetition, hold and end-range warning settings
 */
public record DeviceSettings(
        String deviceId,
        Path dataDirectory,
        PacerSettings pacer,
        SpinalAngleSettings spinalAngles,
        RhythmSettings rhythm) {

    public static final String DEFAULT_DEVICE_ID = "strap-01";

    public DeviceSettings {
        RecordedSession.requireId(deviceId, "device id");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(pacer, "pacer");
        Objects.requireNonNull(spinalAngles, "spinalAngles");
        Objects.requireNonNull(rhythm, "rhythm");
    }

    /** Defaults with the given data directory. */
    public static DeviceSettings defaults(Path dataDirectory) {
        return new DeviceSettings(DEFAULT_DEVICE_ID, dataDirectory, PacerSettings.DEFAULTS, SpinalAngleSettings.DEFAULTS,
                RhythmSettings.DEFAULTS);
    }

    /** The settings a configuration implies (id, data directory, pacer rate), other settings at their defaults. */
    public static DeviceSettings from(DeviceConfiguration configuration) {
        return new DeviceSettings(configuration.deviceId(), configuration.dataDirectory(),
                PacerSettings.DEFAULTS.withBreathsPerMinute(configuration.pacerBreathsPerMinute()),
                SpinalAngleSettings.DEFAULTS,
                RhythmSettings.DEFAULTS.withEndRangeHoldLimitSeconds(configuration.endRangeHoldLimitSeconds()));
    }

    public DeviceSettings withPacer(PacerSettings newPacer) {
        return new DeviceSettings(deviceId, dataDirectory, newPacer, spinalAngles, rhythm);
    }

    public DeviceSettings withDeviceId(String newDeviceId) {
        return new DeviceSettings(newDeviceId, dataDirectory, pacer, spinalAngles, rhythm);
    }
}
