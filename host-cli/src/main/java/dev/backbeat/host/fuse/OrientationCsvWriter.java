// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.fuse;

import dev.backbeat.host.analysis.RecordingFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * Writes {@code time_s,qw,qx,qy,qz} rows (gzip when the name ends in {@code .gz}; through a
 * temporary file renamed into place, see {@link RecordingFiles#write}). Quaternion
 * components are written with nine decimals; time with the shortest exact decimal form.
 */
public final class OrientationCsvWriter {

    public static final String HEADER = "time_s,qw,qx,qy,qz";

    private OrientationCsvWriter() {
    }

    /**
     * @param quaternions interleaved w, x, y, z per sample, unit length and finite
     */
    public static void write(Path path, double[] timeSeconds, double[] quaternions) throws IOException {
        RecordingFiles.write(path, writer -> write(writer, timeSeconds, quaternions));
    }

    public static void write(Writer writer, double[] timeSeconds, double[] quaternions) throws IOException {
        StringBuilder line = new StringBuilder(96);
        writer.write(HEADER);
        writer.write('\n');
        for (int i = 0; i < timeSeconds.length; i++) {
            line.setLength(0);
            line.append(timeSeconds[i]);
            for (int c = 0; c < 4; c++) {
                double value = quaternions[4 * i + c];
                if (!Double.isFinite(value)) {
                    throw new IllegalStateException("non-finite orientation at sample " + i);
                }
                line.append(',');
                appendFixed(line, value);
            }
            line.append('\n');
            writer.append(line);
        }
    }

    /** Appends {@code value} (|value| ≤ a few) rounded to nine decimals, without exponent. */
    static void appendFixed(StringBuilder out, double value) {
        long scaled = Math.round(value * 1e9);
        if (scaled < 0) {
            out.append('-');
            scaled = -scaled;
        }
        long integer = scaled / 1_000_000_000L;
        long fraction = scaled % 1_000_000_000L;
        out.append(integer).append('.');
        String digits = Long.toString(fraction);
        for (int pad = digits.length(); pad < 9; pad++) {
            out.append('0');
        }
        out.append(digits);
    }
}
