// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.sync;

import dev.backbeat.core.imu.SensorPosition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Lossless compression of a chunk's samples: predict, keep the small residuals, deflate.
 *
 * <pre>
 * raw deflate of:
 *   u8 block count, then per block:
 *     u8 sensor (0 upper, 1 lower), varint n
 *     times: f64 bits of the first, then per sample varint(bits(t) XOR bits(prediction)),
 *            prediction = previous + (previous − the one before)  (regular clocks leave a few low bits)
 *     6 channels (gyroscope x y z, accelerometer x y z), each: u8 mode
 *       0 float:     per sample zigzag varint of the change of the float's ordered bits
 *       1 quantized: f64 step, per sample zigzag varint of the change of the count (value = (float) (count × step))
 * </pre>
 *
 * Decoding checks everything: bounds on counts and lengths, inflated size at most
 * {@link #MAX_INFLATED_BYTES} (decompression bombs), finite values, time never going back.
 */
public final class SampleCompression {

    /** Largest inflated chunk body: 1 MiB, about 30 s of two sensors at 400 Hz. */
    public static final int MAX_INFLATED_BYTES = 1 << 20;
    /** Most samples one sensor may have in one chunk. */
    public static final int MAX_SAMPLES_PER_BLOCK = 20_000;
    /**
     * Count steps of the chips the strap uses, computed as their drivers do (MPU-6050 PS §6.1–6.2,
     * LSM6DSOX datasheet table 2), tried when no resolution is given: a channel whose values are
     * all whole counts of one of them is stored as counts.
     */
    private static final double[] KNOWN_GYROSCOPE_STEPS = {
        Math.PI / 180.0 / 131, Math.PI / 180.0 / 65.5, Math.PI / 180.0 / 32.8, Math.PI / 180.0 / 16.4,
        8.75 * 1e-3 * (Math.PI / 180.0), 17.5 * 1e-3 * (Math.PI / 180.0), 35 * 1e-3 * (Math.PI / 180.0),
        70 * 1e-3 * (Math.PI / 180.0)};
    private static final double[] KNOWN_ACCELEROMETER_STEPS = {
        9.80665 / 16384, 9.80665 / 8192, 9.80665 / 4096, 9.80665 / 2048,
        0.061 * 1e-3 * 9.80665, 0.122 * 1e-3 * 9.80665, 0.244 * 1e-3 * 9.80665, 0.488 * 1e-3 * 9.80665};
    private static final int MODE_FLOAT = 0;
    private static final int MODE_QUANTIZED = 1;

    private SampleCompression() {
    }

    /** Compresses losslessly; a sensor's channels are stored as counts when {@code resolution} fits them exactly. */
    public static byte[] compress(ChunkSamples samples, Optional<SampleResolution> resolution) {
        Bytes out = new Bytes(64 + samples.sampleCount() * 12);
        out.write(samples.blocks().size());
        for (ChunkSamples.Block block : samples.blocks()) {
            out.write(block.sensor().ordinal());
            int n = block.sampleCount();
            out.writeVarint(n);
            writeTimes(out, block.timeSeconds());
            for (int axis = 0; axis < 3; axis++) {
                writeChannel(out, block.gyroscopeRadiansPerSecond(), axis, n,
                        resolution.map(SampleResolution::gyroscopeRadiansPerSecondPerCount).orElse(0.0),
                        KNOWN_GYROSCOPE_STEPS);
            }
            for (int axis = 0; axis < 3; axis++) {
                writeChannel(out, block.accelerometerMetersPerSecondSquared(), axis, n,
                        resolution.map(SampleResolution::accelerometerMetersPerSecondSquaredPerCount).orElse(0.0),
                        KNOWN_ACCELEROMETER_STEPS);
            }
        }
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(out.buffer, 0, out.length);
            deflater.finish();
            byte[] compressed = new byte[out.length + out.length / 8 + 64];
            int size = 0;
            while (!deflater.finished()) {
                if (size == compressed.length) {
                    compressed = Arrays.copyOf(compressed, 2 * compressed.length);
                }
                size += deflater.deflate(compressed, size, compressed.length - size);
            }
            return Arrays.copyOf(compressed, size);
        } finally {
            deflater.end();
        }
    }

    /** Decompresses and checks; throws {@link IllegalArgumentException} naming the first problem. */
    public static ChunkSamples decompress(byte[] compressed) {
        byte[] body = inflate(compressed);
        Reader in = new Reader(body);
        int blockCount = in.readUnsignedByte();
        if (blockCount > SensorPosition.values().length) {
            throw new IllegalArgumentException("chunk has " + blockCount + " sensor blocks, at most "
                    + SensorPosition.values().length + " expected");
        }
        List<ChunkSamples.Block> blocks = new ArrayList<>(blockCount);
        for (int index = 0; index < blockCount; index++) {
            int ordinal = in.readUnsignedByte();
            if (ordinal >= SensorPosition.values().length) {
                throw new IllegalArgumentException("unknown sensor " + ordinal);
            }
            SensorPosition sensor = SensorPosition.values()[ordinal];
            long n = in.readVarint();
            if (n < 0 || n > MAX_SAMPLES_PER_BLOCK) {
                throw new IllegalArgumentException(sensor.label() + " block claims " + n + " samples, at most "
                        + MAX_SAMPLES_PER_BLOCK + " expected");
            }
            int count = (int) n;
            double[] times = readTimes(in, count, sensor);
            float[] gyroscope = new float[3 * count];
            float[] accelerometer = new float[3 * count];
            for (int axis = 0; axis < 3; axis++) {
                readChannel(in, gyroscope, axis, count, sensor.label() + " gyroscope");
            }
            for (int axis = 0; axis < 3; axis++) {
                readChannel(in, accelerometer, axis, count, sensor.label() + " accelerometer");
            }
            blocks.add(new ChunkSamples.Block(sensor, times, gyroscope, accelerometer));
        }
        if (in.position != body.length) {
            throw new IllegalArgumentException((body.length - in.position) + " unexpected bytes after the last block");
        }
        return new ChunkSamples(blocks);
    }

    private static void writeTimes(Bytes out, double[] times) {
        if (times.length == 0) {
            return;
        }
        out.writeLong(Double.doubleToRawLongBits(times[0]));
        for (int index = 1; index < times.length; index++) {
            out.writeVarint(Double.doubleToRawLongBits(times[index])
                    ^ Double.doubleToRawLongBits(predictTime(times, index)));
        }
    }

    private static double[] readTimes(Reader in, int count, SensorPosition sensor) {
        double[] times = new double[count];
        for (int index = 0; index < count; index++) {
            long bits = index == 0 ? in.readLong()
                    : in.readVarint() ^ Double.doubleToRawLongBits(predictTime(times, index));
            double time = Double.longBitsToDouble(bits);
            if (!Double.isFinite(time) || (index > 0 && time < times[index - 1])) {
                throw new IllegalArgumentException(sensor.label() + " sample " + index + " has time " + time
                        + " s, not finite or before the one before");
            }
            times[index] = time;
        }
        return times;
    }

    private static double predictTime(double[] times, int index) {
        return index == 1 ? times[0] : times[index - 1] + (times[index - 1] - times[index - 2]);
    }

    private static void writeChannel(Bytes out, float[] values, int axis, int n, double givenStep, double[] knownSteps) {
        double step = 0;
        if (givenStep > 0 && fitsCounts(values, axis, n, givenStep)) {
            step = givenStep;
        } else {
            for (double candidate : knownSteps) {
                if (fitsCounts(values, axis, n, candidate)) {
                    step = candidate;
                    break;
                }
            }
        }
        if (step > 0 && n > 0) {
            out.write(MODE_QUANTIZED);
            out.writeLong(Double.doubleToRawLongBits(step));
            long previous = 0;
            for (int index = 0; index < n; index++) {
                long count = Math.round(values[3 * index + axis] / step);
                out.writeVarint(zigzag(count - previous));
                previous = count;
            }
            return;
        }
        out.write(MODE_FLOAT);
        long previous = 0;
        for (int index = 0; index < n; index++) {
            long ordered = orderedBits(values[3 * index + axis]);
            out.writeVarint(zigzag(ordered - previous));
            previous = ordered;
        }
    }

    private static boolean fitsCounts(float[] values, int axis, int n, double step) {
        for (int index = 0; index < n; index++) {
            float value = values[3 * index + axis];
            double counts = value / step;
            if (!(Math.abs(counts) < 1L << 40) || SampleResolution.value(Math.round(counts), step) != value) {
                return false;
            }
        }
        return true;
    }

    private static void readChannel(Reader in, float[] values, int axis, int n, String what) {
        int mode = in.readUnsignedByte();
        if (mode == MODE_QUANTIZED) {
            double step = Double.longBitsToDouble(in.readLong());
            if (!(step > 0 && Double.isFinite(step))) {
                throw new IllegalArgumentException(what + " has count step " + step);
            }
            long count = 0;
            for (int index = 0; index < n; index++) {
                count += unzigzag(in.readVarint());
                values[3 * index + axis] = checkFinite(SampleResolution.value(count, step), what, index);
            }
        } else if (mode == MODE_FLOAT) {
            long ordered = 0;
            for (int index = 0; index < n; index++) {
                ordered += unzigzag(in.readVarint());
                if (ordered < Integer.MIN_VALUE || ordered > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(what + " value " + index + " is not a float");
                }
                values[3 * index + axis] = checkFinite(fromOrderedBits((int) ordered), what, index);
            }
        } else {
            throw new IllegalArgumentException(what + " has unknown channel mode " + mode);
        }
    }

    private static float checkFinite(float value, String what, int index) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException(what + " value " + index + " is " + value);
        }
        return value;
    }

    /** Float bits as an int whose order is the floats' order, so close floats have close ints. */
    private static long orderedBits(float value) {
        int bits = Float.floatToRawIntBits(value);
        return bits ^ ((bits >> 31) & 0x7FFFFFFF);
    }

    private static float fromOrderedBits(int ordered) {
        return Float.intBitsToFloat(ordered ^ ((ordered >> 31) & 0x7FFFFFFF));
    }

    private static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    private static byte[] inflate(byte[] compressed) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(compressed);
            byte[] body = new byte[Math.min(MAX_INFLATED_BYTES, Math.max(1024, compressed.length * 4))];
            int size = 0;
            while (!inflater.finished()) {
                if (size == body.length) {
                    if (body.length >= MAX_INFLATED_BYTES) {
                        throw new IllegalArgumentException("chunk samples inflate beyond " + MAX_INFLATED_BYTES
                                + " bytes (decompression bomb?)");
                    }
                    body = Arrays.copyOf(body, Math.min(MAX_INFLATED_BYTES, 2 * body.length));
                }
                int inflated = inflater.inflate(body, size, body.length - size);
                if (inflated == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("chunk samples are truncated (deflate stream ends early)");
                }
                size += inflated;
            }
            if (inflater.getRemaining() > 0) {
                throw new IllegalArgumentException(inflater.getRemaining() + " bytes after the deflate stream");
            }
            return Arrays.copyOf(body, size);
        } catch (DataFormatException corrupt) {
            throw new IllegalArgumentException("chunk samples are not valid deflate data: " + corrupt.getMessage());
        } finally {
            inflater.end();
        }
    }

    /** A growable byte buffer with varints. */
    static final class Bytes {
        byte[] buffer;
        int length;

        Bytes(int capacity) {
            buffer = new byte[Math.max(16, capacity)];
        }

        void write(int value) {
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, 2 * buffer.length);
            }
            buffer[length++] = (byte) value;
        }

        void writeLong(long value) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                write((int) (value >>> shift));
            }
        }

        void writeVarint(long value) {
            while ((value & ~0x7FL) != 0) {
                write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            write((int) value);
        }
    }

    /** Reads what {@link Bytes} wrote; throws on running out. */
    static final class Reader {
        private final byte[] bytes;
        int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int readUnsignedByte() {
            if (position >= bytes.length) {
                throw new IllegalArgumentException("chunk samples are truncated");
            }
            return bytes[position++] & 0xFF;
        }

        long readLong() {
            long value = 0;
            for (int index = 0; index < 8; index++) {
                value = (value << 8) | readUnsignedByte();
            }
            return value;
        }

        /**
         * A varint; one and two bytes (most of a chunk's) read without a call per byte, which is
         * what the host's C1-only {@code sync} pays for (bench {@code ChunkCheckBenchmark}).
         */
        long readVarint() {
            int at = position;
            byte[] source = bytes;
            if (at + 1 < source.length) {
                int first = source[at];
                if (first >= 0) {
                    position = at + 1;
                    return first;
                }
                int second = source[at + 1];
                if (second >= 0) {
                    position = at + 2;
                    return (first & 0x7F) | (second << 7);
                }
            }
            return readLongVarint();
        }

        private long readLongVarint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int next = readUnsignedByte();
                value |= (long) (next & 0x7F) << shift;
                if ((next & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("varint longer than 10 bytes");
        }
    }
}
