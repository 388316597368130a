package dev.backbeat.device;

import dev.backbeat.core.pacer.PacerSettings;
import dev.backbeat.core.rhythm.RepetitionSettings;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.spine.SpinalAngleSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything the device service needs to run a session.
 *
 * @param deviceId this strap's id, used in MQTT topics (default {@code strap-01})
 * @param sampleRateHz each IMU's output data rate, Hz (default 100; 50..400)
 * @param dataDirectory where sessions are recorded before and after publishing
 * @param pacer the haptic breath pacer (default 6 breaths/min)
 * @param spinalAngles orientation and calibration settings
 * @param repetitions repetition counting settings
 */
public record DeviceSettings(
        String deviceId,
        double sampleRateHz,
        Path dataDirectory,
        PacerSettings pacer,
        SpinalAngleSettings spinalAngles,
        RepetitionSettings repetitions) {

    public static final String DEFAULT_DEVICE_ID = "strap-01";
    public static final double DEFAULT_SAMPLE_RATE_HZ = 100.0;

    public DeviceSettings {
        RecordedSession.requireId(deviceId, "device id");
        if (!(sampleRateHz >= 50 && sampleRateHz <= 400)) {
            throw new IllegalArgumentException("sample rate must be 50..400 Hz, was " + sampleRateHz);
        }
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(pacer, "pacer");
        Objects.requireNonNull(spinalAngles, "spinalAngles");
        Objects.requireNonNull(repetitions, "repetitions");
    }

    /** Defaults with the given data directory. */
    public static DeviceSettings defaults(Path dataDirectory) {
        return new DeviceSettings(DEFAULT_DEVICE_ID, DEFAULT_SAMPLE_RATE_HZ, dataDirectory, PacerSettings.DEFAULTS,
                SpinalAngleSettings.DEFAULTS, RepetitionSettings.DEFAULTS);
    }

    public DeviceSettings withDeviceId(String newDeviceId) {
        return new DeviceSettings(newDeviceId, sampleRateHz, dataDirectory, pacer, spinalAngles, repetitions);
    }

    public DeviceSettings withSampleRateHz(double newSampleRateHz) {
        return new DeviceSettings(deviceId, newSampleRateHz, dataDirectory, pacer, spinalAngles, repetitions);
    }
}
