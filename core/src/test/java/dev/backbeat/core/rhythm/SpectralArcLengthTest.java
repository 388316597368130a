// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.rhythm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpectralArcLengthTest {

    private static double[] minimumJerkSpeed(int samples, double jerkAmplitude, double jerkFrequencyHz, double rateHz) {
        double[] speed = new double[samples];
        for (int index = 0; index < samples; index++) {
            double tau = index / (double) (samples - 1);
            double smooth = 30 * tau * tau * (1 - 2 * tau + tau * tau);
            speed[index] = Math.max(0, smooth + jerkAmplitude * Math.sin(2 * Math.PI * jerkFrequencyHz * index / rateHz) * smooth);
        }
        return speed;
    }

    @Test
    void of_jerkyMovement_ranksBelowSmoothOneOfSameRangeAndDuration() {
        double[] smooth = minimumJerkSpeed(400, 0, 0, 100);
        double[] jerky = minimumJerkSpeed(400, 0.6, 3, 100);
        double smoothness = SpectralArcLength.of(smooth, smooth.length, 100);
        double jerkiness = SpectralArcLength.of(jerky, jerky.length, 100);
        assertTrue(jerkiness < smoothness, jerkiness + " should be below " + smoothness);
    }

    @Test
    void of_sameShapeAtOtherDurationAndAmplitude_isUnchanged() {
        // SPARC is dimensionless: independent of the movement's duration and amplitude
        double[] short2s = minimumJerkSpeed(200, 0, 0, 100);
        double[] long6s = minimumJerkSpeed(600, 0, 0, 100);
        double[] scaled = short2s.clone();
        for (int index = 0; index < scaled.length; index++) {
            scaled[index] *= 7.5;
        }
        double reference = SpectralArcLength.of(short2s, short2s.length, 100);
        assertEquals(reference, SpectralArcLength.of(long6s, long6s.length, 100), 0.05);
        assertEquals(reference, SpectralArcLength.of(scaled, scaled.length, 100), 1e-9);
        assertTrue(reference < -1.2 && reference > -1.8, "minimum jerk " + reference);
    }

    @Test
    void fft_ofImpulse_isFlat() {
        double[] real = new double[8];
        double[] imaginary = new double[8];
        real[0] = 1;
        SpectralArcLength.fft(real, imaginary);
        for (int index = 0; index < 8; index++) {
            assertEquals(1, real[index], 1e-12);
            assertEquals(0, imaginary[index], 1e-12);
        }
    }
}
