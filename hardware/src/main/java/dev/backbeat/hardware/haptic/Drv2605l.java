// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.haptic;

import dev.backbeat.hardware.bus.ConfiguredChip;
import dev.backbeat.hardware.bus.RegisterBus;
import dev.backbeat.hardware.time.Sleeper;
import java.io.IOException;
import java.util.Objects;

/**
 * TI DRV2605L haptic driver for an ERM or LRA motor (data sheet SLOS854D, cited by section title).
 *
 * <p>Two ways to play: real-time playback ({@link #playRealTime}), where each I2C write of
 * RTP_INPUT sets the drive level at once, for smooth breath envelopes; and the ROM effect library
 * ({@link #playEffect}) for alerts. {@link #calibrate()} runs the chip's auto-calibration, which an
 * LRA needs for closed-loop drive.
 */
public final class Drv2605l implements AutoCloseable {

    public static final String CHIP_NAME = "DRV2605L";
    /** The DRV2605L's fixed I2C address. */
    public static final int ADDRESS = 0x5A;
    /** DEVICE_ID (STATUS bits 7:5) of the DRV2605L. */
    public static final int DEVICE_ID_DRV2605L = 7;
    /** DEVICE_ID of the DRV2605, which has the same ROM library and registers used here. */
    public static final int DEVICE_ID_DRV2605 = 3;

    /** Register addresses (SLOS854D, "Register Map"). */
    public static final class Registers {
        /** STATUS: DEVICE_ID[7:5], DIAG_RESULT bit 3, OVER_TEMP bit 1, OC_DETECT bit 0. */
        public static final int STATUS = 0x00;
        /** MODE: DEV_RESET bit 7, STANDBY bit 6, MODE[2:0]. */
        public static final int MODE = 0x01;
        /** RTP_INPUT: the real-time playback level. */
        public static final int RTP_INPUT = 0x02;
        /** LIBRARY_SEL[2:0]: 1..5 ERM libraries A..E, 6 LRA, 7 ERM F. */
        public static final int LIBRARY_SEL = 0x03;
        /** WAV_FRM_SEQ1..8 at 0x04..0x0B; a zero ends the sequence. */
        public static final int WAVEFORM_SEQUENCE_1 = 0x04;
        /** GO bit 0: fires the process MODE selects; clears when done. */
        public static final int GO = 0x0C;
        public static final int RATED_VOLTAGE = 0x16;
        public static final int OD_CLAMP = 0x17;
        public static final int A_CAL_COMP = 0x18;
        public static final int A_CAL_BEMF = 0x19;
        /** FEEDBACK_CONTROL: N_ERM_LRA bit 7, FB_BRAKE_FACTOR[6:4], LOOP_GAIN[3:2], BEMF_GAIN[1:0]. */
        public static final int FEEDBACK_CONTROL = 0x1A;
        /** CONTROL1: STARTUP_BOOST bit 7, DRIVE_TIME[4:0]. */
        public static final int CONTROL1 = 0x1B;
        /** CONTROL3: NG_THRESH[7:6], ERM_OPEN_LOOP bit 5, DATA_FORMAT_RTP bit 3. */
        public static final int CONTROL3 = 0x1D;
        /** CONTROL4: AUTO_CAL_TIME[5:4]. */
        public static final int CONTROL4 = 0x1E;

        private Registers() {
        }
    }

    /** MODE[2:0] values and bits. */
    public static final class Modes {
        public static final int INTERNAL_TRIGGER = 0;
        public static final int REAL_TIME_PLAYBACK = 5;
        public static final int DIAGNOSTICS = 6;
        public static final int AUTO_CALIBRATION = 7;
        public static final int STANDBY = 0x40;
        public static final int DEVICE_RESET = 0x80;

        private Modes() {
        }
    }

    private static final int STATUS_DIAG_RESULT = 0x08;
    private static final int FEEDBACK_LRA = 0x80;
    /** FB_BRAKE_FACTOR 3 (4x), LOOP_GAIN 1 (medium), BEMF_GAIN 2: the data sheet's defaults. */
    private static final int FEEDBACK_DEFAULTS = 0x36;
    /** CONTROL3 default 0xA0 with DATA_FORMAT_RTP = 1 (unsigned: 0x00 off .. 0xFF full). */
    private static final int CONTROL3_UNSIGNED_RTP = 0xA8;
    private static final int CONTROL1_STARTUP_BOOST = 0x80;
    /** AUTO_CAL_TIME 3: 1000..1200 ms, the most settled result. */
    private static final int CONTROL4_AUTO_CAL_TIME_LONGEST = 0x30;
    private static final int LIBRARY_ERM_A = 1;
    private static final int LIBRARY_LRA = 6;
    private static final long GO_POLL_MILLISECONDS = 50;
    private static final int GO_POLL_LIMIT = 60;

    private final RegisterBus bus;
    private final ConfiguredChip chip;
    private final Drv2605lSettings settings;
    private final Sleeper sleeper;
    private int mode = -1;
    private int lastRealTimeLevel = -1;

    public Drv2605l(RegisterBus bus, Drv2605lSettings settings, Sleeper sleeper) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.chip = new ConfiguredChip(bus, CHIP_NAME);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    public Drv2605lSettings settings() {
        return settings;
    }

    /**
     * Checks DEVICE_ID, resets the chip, writes the motor configuration and reads it back, selects
     * the effect library for the motor, and leaves the chip in standby.
     */
    public void start() throws IOException {
        int deviceId = bus.readRegister(Registers.STATUS) >> 5;
        if (deviceId != DEVICE_ID_DRV2605) {
            chip.requireIdentity("STATUS.DEVICE_ID", Registers.STATUS, 0xE0, DEVICE_ID_DRV2605L << 5);
        }
        bus.writeRegister(Registers.MODE, Modes.DEVICE_RESET);
        sleeper.sleep(2);
        for (int attempt = 0; (bus.readRegister(Registers.MODE) & Modes.DEVICE_RESET) != 0; attempt++) {
            if (attempt == 10) {
                throw new IOException(String.format("%s at 0x%02X: DEV_RESET did not clear", CHIP_NAME, bus.address()));
            }
            sleeper.sleep(2);
        }
        mode = -1;
        boolean lra = settings.actuator() == Drv2605lSettings.Actuator.LRA;
        setMode(Modes.INTERNAL_TRIGGER);
        chip.writeAndVerify("RATED_VOLTAGE", Registers.RATED_VOLTAGE, settings.ratedVoltageRegister());
        chip.writeAndVerify("OD_CLAMP", Registers.OD_CLAMP, settings.overdriveClampRegister());
        chip.writeAndVerify("FEEDBACK_CONTROL", Registers.FEEDBACK_CONTROL, (lra ? FEEDBACK_LRA : 0) | FEEDBACK_DEFAULTS);
        chip.writeAndVerify("CONTROL1", Registers.CONTROL1, CONTROL1_STARTUP_BOOST | settings.driveTimeRegister());
        chip.writeAndVerify("CONTROL3", Registers.CONTROL3, CONTROL3_UNSIGNED_RTP);
        chip.writeAndVerify("LIBRARY_SEL", Registers.LIBRARY_SEL, lra ? LIBRARY_LRA : LIBRARY_ERM_A);
        standby();
    }

    /**
     * Runs auto-calibration (SLOS854D, "Auto Calibration Procedure"): with the motor configured by
     * {@link #start()}, MODE = 7, AUTO_CAL_TIME longest, GO, wait for GO to clear (about 1.2 s),
     * then read DIAG_RESULT and the results. The motor must be mounted as worn and free to move.
     */
    public CalibrationResult calibrate() throws IOException {
        bus.writeRegister(Registers.CONTROL4, CONTROL4_AUTO_CAL_TIME_LONGEST);
        setMode(Modes.AUTO_CALIBRATION);
        bus.writeRegister(Registers.GO, 1);
        waitForGoToClear("auto-calibration");
        boolean succeeded = (bus.readRegister(Registers.STATUS) & STATUS_DIAG_RESULT) == 0;
        CalibrationResult result = new CalibrationResult(succeeded, bus.readRegister(Registers.A_CAL_COMP),
                bus.readRegister(Registers.A_CAL_BEMF), bus.readRegister(Registers.FEEDBACK_CONTROL) & 0x03);
        standby();
        return result;
    }

    /**
     * Drives the motor at {@code fraction} (0..1) of full scale through real-time playback; the level
     * holds until the next call. Repeated levels cost no bus traffic.
     */
    public void playRealTime(double fraction) throws IOException {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be 0..1, was " + fraction);
        }
        int level = (int) Math.round(fraction * 255);
        if (mode != Modes.REAL_TIME_PLAYBACK) {
            bus.writeRegister(Registers.RTP_INPUT, level);
            setMode(Modes.REAL_TIME_PLAYBACK);
        } else if (level != lastRealTimeLevel) {
            bus.writeRegister(Registers.RTP_INPUT, level);
        }
        lastRealTimeLevel = level;
    }

    /** Plays one library effect now (internal trigger: sequence slot 1, end marker, GO). */
    public void playEffect(LibraryEffect effect) throws IOException {
        setMode(Modes.INTERNAL_TRIGGER);
        bus.writeRegister(Registers.WAVEFORM_SEQUENCE_1, effect.id());
        bus.writeRegister(Registers.WAVEFORM_SEQUENCE_1 + 1, 0);
        bus.writeRegister(Registers.GO, 1);
    }

    /** Stops any playback and enters standby (low power, outputs high-impedance). */
    public void standby() throws IOException {
        bus.writeRegister(Registers.RTP_INPUT, 0);
        lastRealTimeLevel = 0;
        setMode(Modes.STANDBY | Modes.INTERNAL_TRIGGER);
    }

    @Override
    public void close() throws IOException {
        try {
            standby();
        } finally {
            bus.close();
        }
    }

    private void setMode(int newMode) throws IOException {
        if (newMode != mode) {
            bus.writeRegister(Registers.MODE, newMode);
            mode = newMode;
        }
    }

    private void waitForGoToClear(String process) throws IOException {
        for (int attempt = 0; attempt < GO_POLL_LIMIT; attempt++) {
            sleeper.sleep(GO_POLL_MILLISECONDS);
            if ((bus.readRegister(Registers.GO) & 0x01) == 0) {
                return;
            }
        }
        throw new IOException(String.format("%s at 0x%02X: %s did not finish within %d ms", CHIP_NAME,
                bus.address(), process, GO_POLL_LIMIT * GO_POLL_MILLISECONDS));
    }
}
