// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.analysis;

import dev.backbeat.core.spine.SpinalAnalysis;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * The {@code backbeat analyze --angles} file: {@code time_s,flexion_deg,side_bend_deg,twist_deg}
 * at the upper sensor's rate, or with one sensor
 * {@code time_s,sagittal_inclination_deg,frontal_inclination_deg}.
 */
public final class AnglesCsv {

    private AnglesCsv() {
    }

    public static void write(SpinalAnalysis angles, Writer out) throws IOException {
        StringBuilder line = new StringBuilder(64);
        if (angles.hasCurvature()) {
            out.write("time_s,flexion_deg,side_bend_deg,twist_deg\n");
        } else {
            out.write("# one sensor: trunk inclination only; spinal curvature needs both sensors\n");
            out.write("time_s,sagittal_inclination_deg,frontal_inclination_deg\n");
        }
        for (int index = 0; index < angles.sampleCount(); index++) {
            line.setLength(0);
            line.append(angles.timeSeconds()[index]);
            if (angles.hasCurvature()) {
                append(line, angles.flexionDegrees()[index]);
                append(line, angles.sideBendDegrees()[index]);
                append(line, angles.twistDegrees()[index]);
            } else {
                append(line, angles.sagittalInclinationDegrees()[index]);
                append(line, angles.frontalInclinationDegrees()[index]);
            }
            out.append(line).append('\n');
        }
    }

    private static void append(StringBuilder line, double degrees) {
        line.append(',').append(String.format(Locale.ROOT, "%.3f", degrees));
    }
}
