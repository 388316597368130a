// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SparklineTest {

    @Test
    void of_rampOverEightColumns_climbsEveryBlock() {
        double[] time = new double[80];
        double[] value = new double[80];
        for (int index = 0; index < 80; index++) {
            time[index] = index * 0.1;
            value[index] = 1 + index; // positive: each column's peak is its last sample
        }
        assertEquals("▁▂▃▄▅▆▇█", Sparkline.of(time, value, 8, 8));
    }

    @Test
    void of_flowFasterThanAColumn_showsItsSwingsNotTheirMean() {
        int samples = 600 * 50;
        double[] time = new double[samples];
        double[] flexion = new double[samples];
        for (int index = 0; index < samples; index++) {
            time[index] = index / 50.0;
            // ten-second cycles, 10° of cat for five minutes, then 20°; a column of 10 s holds a whole
            // cycle, whose mean is zero
            double amplitude = time[index] < 300 ? 10 : 20;
            flexion[index] = amplitude * Math.sin(2 * Math.PI * time[index] / 10);
        }
        String line = Sparkline.of(time, flexion, 600, 60);
        assertEquals("▁".repeat(30) + "█".repeat(30), line);
        assertEquals("  flexion       +10.0° " + line + " +20.0°", Sparkline.labelled("flexion", time, flexion, 600, 60));
    }

    @Test
    void of_constant_isDrawnAtMidHeight() {
        assertEquals("▄▄", Sparkline.of(new double[] {0, 1}, new double[] {3, 3}, 2, 2));
    }

    @Test
    void of_gapAndNaN_leaveBlankColumnsAndNoNaNDrawn() {
        double[] time = {0.5, 1.5, 3.5};
        double[] value = {1, Double.NaN, 2};
        assertEquals("▁  █", Sparkline.of(time, value, 4, 4));
    }

    @Test
    void labelled_nothingFinite_isEmpty() {
        assertEquals("", Sparkline.labelled("twist", new double[] {0, 1}, new double[] {Double.NaN, Double.NaN}, 2, 10));
    }

    @Test
    void labelled_extension_printsTheLowestAndHighestColumn() {
        double[] time = {0, 1, 2, 3};
        double[] value = {0, -12.34, 0, 5};
        assertEquals("  flexion       -12.3° ▆▁▆█ +5.0°", Sparkline.labelled("flexion", time, value, 4, 4));
    }

    @Test
    void of_noColumns_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> Sparkline.of(new double[0], new double[0], 1, 0));
    }
}
