// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim.chip;

import dev.backbeat.hardware.haptic.Drv2605l;
import dev.backbeat.hardware.haptic.Drv2605l.Modes;
import dev.backbeat.hardware.haptic.Drv2605l.Registers;
import java.util.ArrayList;
import java.util.List;

/**
 * A register-level DRV2605L (SLOS854D): reset values (STATUS DEVICE_ID 7, MODE 0x40 standby,
 * RATED_VOLTAGE 0x3E, OD_CLAMP 0x8C, FEEDBACK_CONTROL 0x36, CONTROL1 0x93, CONTROL3 0xA0,
 * CONTROL4 0x20), DEV_RESET, real-time playback level, the waveform sequencer fired by GO, and
 * auto-calibration that finishes at once, writes plausible A_CAL_COMP / A_CAL_BEMF / BEMF_GAIN and
 * sets DIAG_RESULT when no motor is connected ({@link #disconnectMotor()}).
 */
public final class SimulatedDrv2605l extends SimulatedRegisterChip {

    private static final int STATUS_DIAG_RESULT = 0x08;

    private final List<Integer> playedEffects = new ArrayList<>();
    private boolean motorConnected = true;
    private int calibrationCount;

    public SimulatedDrv2605l() {
        super(Drv2605l.ADDRESS);
        reset();
    }

    /** Makes the next calibration and diagnostics fail, as with an open motor lead. */
    public synchronized void disconnectMotor() {
        motorConnected = false;
    }

    /** The drive level now, 0..1: RTP_INPUT in real-time playback out of standby, else 0. */
    public synchronized double outputFraction() {
        int mode = registers[Registers.MODE];
        if ((mode & Modes.STANDBY) != 0 || (mode & 0x07) != Modes.REAL_TIME_PLAYBACK) {
            return 0;
        }
        int input = registers[Registers.RTP_INPUT];
        boolean unsigned = (registers[Registers.CONTROL3] & 0x08) != 0;
        return unsigned ? input / 255.0 : Math.max(0, (byte) input) / 127.0;
    }

    /** Library effect ids played so far, in order. */
    public synchronized List<Integer> playedEffects() {
        return List.copyOf(playedEffects);
    }

    public synchronized int calibrationCount() {
        return calibrationCount;
    }

    @Override
    protected void advanceTime() {
        // playback and calibration complete instantly
    }

    @Override
    protected void writeByte(int register, int value) {
        switch (register) {
            case Registers.STATUS -> {
                // read-only
            }
            case Registers.MODE -> {
                if ((value & Modes.DEVICE_RESET) != 0) {
                    reset();
                    return;
                }
                registers[register] = value;
            }
            case Registers.GO -> {
                if ((value & 0x01) != 0) {
                    fire();
                }
                registers[register] = 0;
            }
            default -> registers[register] = value;
        }
    }

    private void fire() {
        int mode = registers[Registers.MODE];
        if ((mode & Modes.STANDBY) != 0) {
            return;
        }
        switch (mode & 0x07) {
            case Modes.INTERNAL_TRIGGER -> {
                for (int slot = 0; slot < 8; slot++) {
                    int entry = registers[Registers.WAVEFORM_SEQUENCE_1 + slot];
                    if (entry == 0) {
                        break;
                    }
                    if ((entry & 0x80) == 0) {
                        playedEffects.add(entry);
                    }
                }
            }
            case Modes.AUTO_CALIBRATION -> {
                calibrationCount++;
                setDiagnosticResult();
                if (motorConnected) {
                    registers[Registers.A_CAL_COMP] = 0x0D;
                    registers[Registers.A_CAL_BEMF] = 0x76;
                    registers[Registers.FEEDBACK_CONTROL] = (registers[Registers.FEEDBACK_CONTROL] & ~0x03) | 0x02;
                }
            }
            case Modes.DIAGNOSTICS -> setDiagnosticResult();
            default -> {
                // external trigger, PWM and audio-to-vibe are not modelled
            }
        }
    }

    private void setDiagnosticResult() {
        registers[Registers.STATUS] = motorConnected
                ? registers[Registers.STATUS] & ~STATUS_DIAG_RESULT
                : registers[Registers.STATUS] | STATUS_DIAG_RESULT;
    }

    private void reset() {
        clearRegisters();
        registers[Registers.STATUS] = Drv2605l.DEVICE_ID_DRV2605L << 5;
        registers[Registers.MODE] = Modes.STANDBY;
        registers[Registers.LIBRARY_SEL] = 0x01;
        registers[Registers.RATED_VOLTAGE] = 0x3E;
        registers[Registers.OD_CLAMP] = 0x8C;
        registers[Registers.A_CAL_COMP] = 0x0C;
        registers[Registers.A_CAL_BEMF] = 0x6C;
        registers[Registers.FEEDBACK_CONTROL] = 0x36;
        registers[Registers.CONTROL1] = 0x93;
        registers[0x1C] = 0xF5;
        registers[Registers.CONTROL3] = 0xA0;
        registers[Registers.CONTROL4] = 0x20;
        registers[0x1F] = 0x80;
        registers[0x20] = 0x33;
    }
}
