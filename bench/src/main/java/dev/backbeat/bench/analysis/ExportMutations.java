// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.analysis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The ways {@link AnalyzeFuzz} changes a valid export (rows of the interchange format): timing
 * (times scaled, compressed to nanoseconds, jittered, duplicated, rounded, jumping, one sensor's clock
 * offset, a stretch dropped, a few rows left), content (constant, huge or noisy columns, spikes, a
 * 60× longer file) and the bytes themselves (binary garbage, non-UTF-8, a cut line, NaN, CRLF, BOM).
 */
final class ExportMutations {

    /** One row: its time, sensor label and the rest of the line (gyroscope and accelerometer, maybe more). */
    record Row(double timeSeconds, String sensor, String values) {

        static Row parse(String line) {
            int first = line.indexOf(',');
            int second = line.indexOf(',', first + 1);
            return new Row(Double.parseDouble(line.substring(0, first)), line.substring(first + 1, second),
                    line.substring(second + 1));
        }

        Row at(double seconds) {
            return new Row(seconds, sensor, values);
        }

        double[] numbers() {
            return Arrays.stream(values.split(",")).mapToDouble(Double::parseDouble).toArray();
        }

        Row withNumbers(double[] numbers) {
            StringBuilder text = new StringBuilder();
            for (double number : numbers) {
                text.append(text.isEmpty() ? "" : ",").append(number);
            }
            return new Row(timeSeconds, sensor, text.toString());
        }
    }

    /** A mutation of the rows; {@code description} says what was done with which parameters. */
    interface RowMutation {
        List<Row> apply(List<Row> rows, SplittableRandom random, StringBuilder description);
    }

    /** A mutation of the final bytes. */
    interface ByteMutation {
        byte[] apply(byte[] bytes, SplittableRandom random, StringBuilder description);
    }

    record Named<T>(String name, T mutation) {
    }

    private static final double[] SCALES = {1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 0.25, 0.5, 0.9, 2, 4,
        10, 100, 1000, 1e5, 1e7};
    private static final double[] JUMPS = {0.05, 0.5, 2, 30, 600, 3600, 86_399, 86_401, 1e6, -0.001, -1, -30};
    private static final double[] OFFSETS = {0.001, 0.02, 0.05, 1, 30, 600, -0.001, -0.05, -1, -30, -600};
    private static final double[] ORIGINS = {-100, 1e6, 1.7e9, 1e10, 2e10, 1e15, -1e12};
    private static final double[] CONSTANTS = {0, 1, -1, 9.81, 1e6, 1e20, 3e38, 1e-30, -1e30};
    private static final double[] HUGE = {1e6, 1e12, 1e30, -3e38, 3.4e38, 1e39, 1e300};
    private static final double[] NOISE = {0.01, 1, 100, 1e4, 1e8};

    static final List<Named<RowMutation>> TIMING = List.of(
            new Named<>("times scaled", (rows, random, description) -> {
                double scale = SCALES[random.nextInt(SCALES.length)];
                description.append("times ×").append(scale);
                double origin = rows.isEmpty() ? 0 : rows.get(0).timeSeconds();
                return map(rows, row -> row.at(origin + (row.timeSeconds() - origin) * scale));
            }),
            new Named<>("nanosecond ticks", (rows, random, description) -> {
                description.append("row i at i ns");
                List<Row> out = new ArrayList<>(rows.size());
                for (int index = 0; index < rows.size(); index++) {
                    out.add(rows.get(index).at(index * 1e-9));
                }
                return out;
            }),
            new Named<>("jittered", (rows, random, description) -> {
                double periods = new double[] {0.01, 0.1, 0.5, 1, 3, 10}[random.nextInt(6)];
                boolean sort = random.nextBoolean();
                double period = medianPeriod(rows);
                description.append(String.format(Locale.ROOT, "times jittered ±%.2f periods%s", periods, sort ? ", re-sorted" : ""));
                List<Row> out = map(rows, row -> row.at(row.timeSeconds() + (2 * random.nextDouble() - 1) * periods * period));
                if (sort) {
                    out.sort(Comparator.comparingDouble(Row::timeSeconds));
                }
                return out;
            }),
            new Named<>("rows duplicated", (rows, random, description) -> {
                double fraction = new double[] {0.0001, 0.01, 0.5, 1}[random.nextInt(4)];
                description.append("rows duplicated with probability ").append(fraction);
                List<Row> out = new ArrayList<>(rows.size() * 2);
                for (Row row : rows) {
                    out.add(row);
                    if (random.nextDouble() < fraction) {
                        out.add(row);
                    }
                }
                return out;
            }),
            new Named<>("times duplicated", (rows, random, description) -> {
                double fraction = new double[] {0.0001, 0.01, 0.5}[random.nextInt(3)];
                description.append("a row's time repeated in the next with probability ").append(fraction);
                List<Row> out = new ArrayList<>(rows);
                for (int index = 1; index < out.size(); index++) {
                    if (random.nextDouble() < fraction) {
                        out.set(index, out.get(index).at(out.get(index - 1).timeSeconds()));
                    }
                }
                return out;
            }),
            new Named<>("times rounded", (rows, random, description) -> {
                double step = new double[] {1e-3, 1e-2, 0.1, 1}[random.nextInt(4)];
                description.append("times rounded to ").append(step).append(" s");
                return map(rows, row -> row.at(Math.round(row.timeSeconds() / step) * step));
            }),
            new Named<>("jump", (rows, random, description) -> {
                double jump = JUMPS[random.nextInt(JUMPS.length)];
                int from = rows.isEmpty() ? 0 : random.nextInt(rows.size());
                description.append("times from row ").append(from).append(" on moved by ").append(jump).append(" s");
                List<Row> out = new ArrayList<>(rows);
                for (int index = from; index < out.size(); index++) {
                    out.set(index, out.get(index).at(out.get(index).timeSeconds() + jump));
                }
                return out;
            }),
            new Named<>("sensor clock offset", (rows, random, description) -> {
                double offset = OFFSETS[random.nextInt(OFFSETS.length)];
                String sensor = random.nextBoolean() ? "upper" : "lower";
                boolean sort = random.nextInt(4) != 0;
                description.append(sensor).append(" times moved by ").append(offset).append(" s").append(sort ? ", re-sorted" : "");
                List<Row> out = map(rows, row -> row.sensor().equals(sensor) ? row.at(row.timeSeconds() + offset) : row);
                if (sort) {
                    out.sort(Comparator.comparingDouble(Row::timeSeconds));
                }
                return out;
            }),
            new Named<>("stretch dropped", (rows, random, description) -> {
                double length = new double[] {0.02, 0.1, 1, 5, 30, 120}[random.nextInt(6)];
                String sensor = new String[] {"upper", "lower", null}[random.nextInt(3)];
                double start = rows.isEmpty() ? 0 : rows.get(random.nextInt(rows.size())).timeSeconds();
                description.append(String.format(Locale.ROOT, "%s samples from %.2f s for %.2f s dropped",
                        sensor == null ? "all" : sensor, start, length));
                List<Row> out = new ArrayList<>(rows.size());
                for (Row row : rows) {
                    if (!(row.timeSeconds() >= start && row.timeSeconds() < start + length
                            && (sensor == null || row.sensor().equals(sensor)))) {
                        out.add(row);
                    }
                }
                return out;
            }),
            new Named<>("few rows", (rows, random, description) -> {
                int count = new int[] {1, 2, 3, 4, 5, 8, 20, 100}[random.nextInt(8)];
                description.append("only the first ").append(count).append(" rows");
                return new ArrayList<>(rows.subList(0, Math.min(count, rows.size())));
            }),
            new Named<>("one sensor", (rows, random, description) -> {
                String sensor = random.nextBoolean() ? "upper" : "lower";
                description.append("only ").append(sensor);
                List<Row> out = new ArrayList<>();
                rows.stream().filter(row -> row.sensor().equals(sensor)).forEach(out::add);
                return out;
            }),
            new Named<>("origin moved", (rows, random, description) -> {
                double origin = ORIGINS[random.nextInt(ORIGINS.length)];
                description.append("times start at ").append(origin).append(" s");
                double first = rows.isEmpty() ? 0 : rows.get(0).timeSeconds();
                return map(rows, row -> row.at(origin + row.timeSeconds() - first));
            }),
            new Named<>("rows reversed", (rows, random, description) -> {
                int length = new int[] {2, 10, 1000}[random.nextInt(3)];
                int from = rows.isEmpty() ? 0 : random.nextInt(rows.size());
                description.append(length).append(" rows from row ").append(from).append(" in reverse order");
                List<Row> out = new ArrayList<>(rows);
                int to = Math.min(out.size(), from + length);
                java.util.Collections.reverse(out.subList(from, to));
                return out;
            }),
            new Named<>("rate changes", (rows, random, description) -> {
                double factor = new double[] {0.001, 0.1, 0.5, 2, 10, 1000}[random.nextInt(6)];
                int from = rows.isEmpty() ? 0 : random.nextInt(rows.size());
                description.append("intervals from row ").append(from).append(" ×").append(factor);
                List<Row> out = new ArrayList<>(rows);
                for (int index = from + 1; index < out.size(); index++) {
                    double base = out.get(from).timeSeconds();
                    out.set(index, out.get(index).at(base + (rows.get(index).timeSeconds() - base) * factor));
                }
                return out;
            }));

    static final List<Named<RowMutation>> CONTENT = List.of(
            new Named<>("constant column", (rows, random, description) -> {
                int column = random.nextInt(6);
                double constant = CONSTANTS[random.nextInt(CONSTANTS.length)];
                description.append("value column ").append(column).append(" = ").append(constant);
                return map(rows, row -> {
                    double[] numbers = row.numbers();
                    numbers[column] = constant;
                    return row.withNumbers(numbers);
                });
            }),
            new Named<>("huge values", (rows, random, description) -> {
                double huge = HUGE[random.nextInt(HUGE.length)];
                double fraction = new double[] {0.0001, 0.01, 1}[random.nextInt(3)];
                description.append("values set to ±").append(huge).append(" with probability ").append(fraction);
                return map(rows, row -> {
                    if (random.nextDouble() >= fraction) {
                        return row;
                    }
                    double[] numbers = row.numbers();
                    numbers[random.nextInt(6)] = random.nextBoolean() ? huge : -huge;
                    return row.withNumbers(numbers);
                });
            }),
            new Named<>("noise", (rows, random, description) -> {
                double sigma = NOISE[random.nextInt(NOISE.length)];
                description.append("noise of ").append(sigma).append(" on every value");
                return map(rows, row -> {
                    double[] numbers = row.numbers();
                    for (int column = 0; column < 6; column++) {
                        numbers[column] += sigma * (2 * random.nextDouble() - 1);
                    }
                    return row.withNumbers(numbers);
                });
            }),
            new Named<>("all zero", (rows, random, description) -> {
                description.append("every value 0");
                return map(rows, row -> row.withNumbers(new double[6]));
            }),
            new Named<>("spikes", (rows, random, description) -> {
                description.append("one sample in 100 with a spike of ±1000");
                return map(rows, row -> {
                    if (random.nextInt(100) != 0) {
                        return row;
                    }
                    double[] numbers = row.numbers();
                    numbers[random.nextInt(6)] += random.nextBoolean() ? 1000 : -1000;
                    return row.withNumbers(numbers);
                });
            }),
            new Named<>("columns swapped", (rows, random, description) -> {
                description.append("gyroscope and accelerometer swapped");
                return map(rows, row -> {
                    double[] numbers = row.numbers();
                    return row.withNumbers(new double[] {numbers[3], numbers[4], numbers[5], numbers[0], numbers[1], numbers[2]});
                });
            }));

    static final List<Named<ByteMutation>> BYTES = List.of(
            new Named<>("random bytes", (bytes, random, description) -> {
                int count = new int[] {1, 16, 4096}[random.nextInt(3)];
                int from = random.nextInt(Math.max(1, bytes.length));
                description.append(count).append(" random bytes at ").append(from);
                byte[] out = bytes.clone();
                for (int index = from; index < Math.min(out.length, from + count); index++) {
                    out[index] = (byte) random.nextInt(256);
                }
                return out;
            }),
            new Named<>("binary file", (bytes, random, description) -> {
                description.append("4 KiB of random bytes");
                byte[] out = new byte[4096];
                for (int index = 0; index < out.length; index++) {
                    out[index] = (byte) random.nextInt(256);
                }
                return out;
            }),
            new Named<>("latin-1 byte", (bytes, random, description) -> {
                int at = random.nextInt(Math.max(1, bytes.length));
                description.append("byte 0xE9 at ").append(at);
                byte[] out = bytes.clone();
                if (out.length > 0) {
                    out[at] = (byte) 0xE9;
                }
                return out;
            }),
            new Named<>("cut", (bytes, random, description) -> {
                int at = random.nextInt(Math.max(1, bytes.length));
                description.append("cut after byte ").append(at);
                return Arrays.copyOf(bytes, at);
            }),
            new Named<>("nan value", (bytes, random, description) -> {
                String text = new String(bytes, StandardCharsets.UTF_8);
                int at = text.indexOf(',', random.nextInt(Math.max(1, text.length())));
                String value = new String[] {"NaN", "inf", "-Infinity", "", "1e999", "0x10", "1,2"}[random.nextInt(7)];
                description.append("'").append(value).append("' after byte ").append(at);
                return at < 0 ? bytes : (text.substring(0, at + 1) + value + text.substring(at + 1)).getBytes(StandardCharsets.UTF_8);
            }),
            new Named<>("crlf and bom", (bytes, random, description) -> {
                description.append("CRLF line ends and a byte order mark");
                return ("\uFEFF" + new String(bytes, StandardCharsets.UTF_8).replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8);
            }),
            new Named<>("control characters", (bytes, random, description) -> {
                String text = new String(bytes, StandardCharsets.UTF_8);
                int at = random.nextInt(Math.max(1, text.length()));
                description.append("escape sequence at ").append(at);
                return (text.substring(0, at) + "\u001b[2J\u0007" + text.substring(at)).getBytes(StandardCharsets.UTF_8);
            }));

    private ExportMutations() {
    }

    private static List<Row> map(List<Row> rows, java.util.function.UnaryOperator<Row> change) {
        List<Row> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(change.apply(row));
        }
        return out;
    }

    /** The median interval between consecutive rows of one sensor, s (0.01 when it cannot be told). */
    static double medianPeriod(List<Row> rows) {
        if (rows.isEmpty()) {
            return 0.01;
        }
        String sensor = rows.get(0).sensor();
        double[] times = rows.stream().filter(row -> row.sensor().equals(sensor)).mapToDouble(Row::timeSeconds).toArray();
        if (times.length < 2) {
            return 0.01;
        }
        double[] intervals = new double[times.length - 1];
        for (int index = 1; index < times.length; index++) {
            intervals[index - 1] = times[index] - times[index - 1];
        }
        Arrays.sort(intervals);
        return intervals[intervals.length / 2] > 0 ? intervals[intervals.length / 2] : 0.01;
    }
}
