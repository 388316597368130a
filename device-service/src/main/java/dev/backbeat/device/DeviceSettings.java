// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import dev.backbeat.core.pacer.PacerSettings;
import dev.backbeat.core.routine.SessionPlan;
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
 * @param plan the routine and profile the session runs (names and SHA-256 of their text go into its
 *     start record: {@link PlanInStartRecord})
 */
public record DeviceSettings(
        String deviceId,
        Path dataDirectory,
        PacerSettings pacer,
        SpinalAngleSettings spinalAngles,
        RhythmSettings rhythm,
        SessionPlan plan) {

    public static final String DEFAULT_DEVICE_ID = "strap-01";

    public DeviceSettings {
        RecordedSession.requireId(deviceId, "device id");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(pacer, "pacer");
        Objects.requireNonNull(spinalAngles, "spinalAngles");
        Objects.requireNonNull(rhythm, "rhythm");
        Objects.requireNonNull(plan, "plan");
    }

    /** Settings running the built-in cat-cow routine without a profile. */
    public DeviceSettings(String deviceId, Path dataDirectory, PacerSettings pacer, SpinalAngleSettings spinalAngles,
                          RhythmSettings rhythm) {
        this(deviceId, dataDirectory, pacer, spinalAngles, rhythm, SessionPlan.DEFAULT);
    }

    /** Defaults with the given data directory. */
    public static DeviceSettings defaults(Path dataDirectory) {
        return new DeviceSettings(DEFAULT_DEVICE_ID, dataDirectory, PacerSettings.DEFAULTS, SpinalAngleSettings.DEFAULTS,
                RhythmSettings.DEFAULTS);
    }

    /** The settings a configuration implies (id, data directory, pacer rate, plan), other settings at their defaults. */
    public static DeviceSettings from(DeviceConfiguration configuration) {
        return new DeviceSettings(configuration.deviceId(), configuration.dataDirectory(),
                PacerSettings.DEFAULTS.withBreathsPerMinute(configuration.pacerBreathsPerMinute()),
                SpinalAngleSettings.DEFAULTS,
                RhythmSettings.DEFAULTS.withEndRangeHoldLimitSeconds(configuration.endRangeHoldLimitSeconds()),
                configuration.plan());
    }

    public DeviceSettings withPacer(PacerSettings newPacer) {
        return new DeviceSettings(deviceId, dataDirectory, newPacer, spinalAngles, rhythm, plan);
    }

    public DeviceSettings withDeviceId(String newDeviceId) {
        return new DeviceSettings(newDeviceId, dataDirectory, pacer, spinalAngles, rhythm, plan);
    }

    /**
     * Settings running {@code newPlan}; a breath rate or ratio it sets over its routine also paces
     * today's fixed-rate pacer (its rate and inhale share).
     */
    public DeviceSettings withPlan(SessionPlan newPlan) {
        PacerSettings paced = pacer;
        if (!Double.isNaN(newPlan.breathsPerMinute())) {
            paced = paced.withBreathsPerMinute(newPlan.breathsPerMinute());
        }
        if (!Double.isNaN(newPlan.inhaleParts())) {
            paced = new PacerSettings(paced.breathsPerMinute(),
                    newPlan.inhaleParts() / (newPlan.inhaleParts() + newPlan.exhaleParts()),
                    paced.peakIntensityFraction(), paced.floorIntensityFraction());
        }
        return new DeviceSettings(deviceId, dataDirectory, paced, spinalAngles, rhythm, newPlan);
    }
}
