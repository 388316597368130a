// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.haptic;

/**
 * What the DRV2605L's auto-calibration found (SLOS854D, "Auto Calibration Procedure"). Store the
 * values and write them back at start-up to skip calibration next time.
 *
 * @param succeeded DIAG_RESULT was 0
 * @param compensation A_CAL_COMP (register 0x18), resistive-loss compensation
 * @param backEmf A_CAL_BEMF (register 0x19), back-EMF level
 * @param backEmfGain BEMF_GAIN (register 0x1A bits 1:0)
 */
public record CalibrationResult(boolean succeeded, int compensation, int backEmf, int backEmfGain) {
}
