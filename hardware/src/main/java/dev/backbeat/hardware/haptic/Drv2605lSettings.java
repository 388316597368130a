// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.haptic;

/**
 * The motor on a DRV2605L and how hard to drive it.
 *
 * @param actuator ERM (eccentric rotating mass, e.g. a coin motor) or LRA (linear resonant actuator)
 * @param ratedVoltage the motor's rated voltage, V (average for an ERM, RMS for an LRA); full
 *     intensity drives it here. Default 3.0 V for a 10 mm coin ERM.
 * @param overdriveClampVoltage the most the driver may apply during overdrive and braking, V (peak);
 *     at least the rated voltage. Default 3.6 V.
 * @param lraResonanceHz the LRA's resonant frequency, Hz (for the initial drive time; ignored for
 *     an ERM). Default 175 Hz.
 */
public record Drv2605lSettings(Actuator actuator, double ratedVoltage, double overdriveClampVoltage,
                               double lraResonanceHz) {

    /** The kind of motor. */
    public enum Actuator { ERM, LRA }

    /** A 10 mm coin ERM rated 3 V (e.g. Precision Microdrives 310-113, Adafruit 1201). */
    public static final Drv2605lSettings ERM_COIN = new Drv2605lSettings(Actuator.ERM, 3.0, 3.6, 175);

    /** A 10 mm LRA rated 2 V RMS at 175 Hz (e.g. Precision Microdrives C10-100, Adafruit 5379 class). */
    public static final Drv2605lSettings LRA_175_HZ = new Drv2605lSettings(Actuator.LRA, 2.0, 2.6, 175);

    /** Sample time of the back-EMF detection with SAMPLE_TIME at its default 3, s (register 0x1C). */
    static final double SAMPLE_TIME_SECONDS = 300e-6;

    public Drv2605lSettings {
        if (actuator == null) {
            throw new IllegalArgumentException("actuator must be ERM or LRA");
        }
        if (!(ratedVoltage > 0 && ratedVoltage <= 5.2)) {
            throw new IllegalArgumentException("ratedVoltage must be in (0, 5.2] V, was " + ratedVoltage);
        }
        if (!(overdriveClampVoltage >= ratedVoltage && overdriveClampVoltage <= 5.5)) {
            throw new IllegalArgumentException("overdriveClampVoltage must be between ratedVoltage and 5.5 V, was "
                    + overdriveClampVoltage);
        }
        if (!(lraResonanceHz >= 50 && lraResonanceHz <= 400)) {
            throw new IllegalArgumentException("lraResonanceHz must be 50..400 Hz, was " + lraResonanceHz);
        }
    }

    /**
     * RATED_VOLTAGE (register 0x16), SLOS854D "Rated Voltage Programming": ERM, V = 21.18 mV × value
     * (average); LRA, V_rms = 20.58 mV × value / √(1 − (4 t_sample + 300 µs) f_LRA).
     */
    public int ratedVoltageRegister() {
        double value = actuator == Actuator.ERM
                ? ratedVoltage / 21.18e-3
                : ratedVoltage * Math.sqrt(1 - (4 * SAMPLE_TIME_SECONDS + 300e-6) * lraResonanceHz) / 20.58e-3;
        return (int) Math.min(255, Math.round(value));
    }

    /**
     * OD_CLAMP (register 0x17), SLOS854D "Overdrive Voltage-Clamp Programming": ERM, about
     * 21.64 mV per count; LRA peak, about 21.32 mV × value × √(1 − f_LRA × 800 µs). Check these
     * scale factors against the data sheet revision in hand before driving a motor near its limit.
     */
    public int overdriveClampRegister() {
        double value = actuator == Actuator.ERM
                ? overdriveClampVoltage / 21.64e-3
                : overdriveClampVoltage / (21.32e-3 * Math.sqrt(1 - lraResonanceHz * 800e-6));
        return (int) Math.min(255, Math.round(value));
    }

    /**
     * DRIVE_TIME (register 0x1B bits 4:0): for an LRA half its period, as DRIVE_TIME × 0.1 ms + 0.5 ms;
     * for an ERM the default 0x13 (4.8 ms back-EMF sampling).
     */
    public int driveTimeRegister() {
        if (actuator == Actuator.ERM) {
            return 0x13;
        }
        double halfPeriodMilliseconds = 0.5 * 1000 / lraResonanceHz;
        return (int) Math.max(0, Math.min(31, Math.round((halfPeriodMilliseconds - 0.5) / 0.1)));
    }
}
