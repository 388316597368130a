// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.orientation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * One BROAD trial (Laidig, Caruso, Cereatti, Seel, Data 6(7), 2021) as column arrays: IMU signals
 * in the sensor frame, optical ground truth (NaN where missing) and the movement flag.
 *
 * @param name trial name (file name without {@code .csv.gz})
 * @param sampleRateHz sampling rate from {@code time_s}, Hz
 * @param gyroscope rad/s, interleaved x, y, z per sample
 * @param accelerometer m/s², interleaved
 * @param magnetometer µT, interleaved
 * @param truth ground-truth orientation, interleaved w, x, y, z (NaN where missing)
 * @param movement whether the sample belongs to the evaluated motion phase
 */
public record BroadTrial(String name, double sampleRateHz, double[] gyroscope, double[] accelerometer,
                         double[] magnetometer, double[] truth, boolean[] movement) {

    private static final List<String> COLUMNS = List.of("time_s", "gyr_x", "gyr_y", "gyr_z", "acc_x", "acc_y",
            "acc_z", "mag_x", "mag_y", "mag_z", "opt_w", "opt_x", "opt_y", "opt_z", "movement");

    public int sampleCount() {
        return movement.length;
    }

    /** Reads every {@code *.csv.gz} trial of a folder, sorted by name. */
    public static List<BroadTrial> readFolder(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            List<Path> paths = files.filter(p -> p.getFileName().toString().endsWith(".csv.gz")).sorted().toList();
            if (paths.isEmpty()) {
                throw new IOException("no *.csv.gz trials in " + folder);
            }
            List<BroadTrial> trials = new java.util.ArrayList<>();
            for (Path path : paths) {
                trials.add(read(path));
            }
            return trials;
        }
    }

    public static BroadTrial read(Path path) throws IOException {
        String fileName = path.getFileName().toString();
        String name = fileName.replaceFirst("\\.csv\\.gz$", "");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(path), 1 << 16);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String header = reader.readLine();
            if (header == null) {
                throw new IOException(path + ": empty");
            }
            List<String> names = Arrays.asList(header.trim().split(","));
            int[] index = new int[COLUMNS.size()];
            for (int c = 0; c < COLUMNS.size(); c++) {
                index[c] = names.indexOf(COLUMNS.get(c));
                if (index[c] < 0) {
                    throw new IOException(path + ": missing column " + COLUMNS.get(c));
                }
            }
            int capacity = 1 << 16;
            double[][] columns = new double[COLUMNS.size()][capacity];
            int rows = 0;
            String line;
            int lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (rows == capacity) {
                    capacity *= 2;
                    for (int c = 0; c < columns.length; c++) {
                        columns[c] = Arrays.copyOf(columns[c], capacity);
                    }
                }
                for (int c = 0; c < COLUMNS.size(); c++) {
                    columns[c][rows] = parse(fields, index[c], path, lineNumber);
                }
                rows++;
            }
            double[] time = columns[0];
            double rate = rows > 1 ? (rows - 1) / (time[rows - 1] - time[0]) : 1;
            double[] gyroscope = new double[3 * rows];
            double[] accelerometer = new double[3 * rows];
            double[] magnetometer = new double[3 * rows];
            double[] truth = new double[4 * rows];
            boolean[] movement = new boolean[rows];
            for (int i = 0; i < rows; i++) {
                for (int a = 0; a < 3; a++) {
                    gyroscope[3 * i + a] = columns[1 + a][i];
                    accelerometer[3 * i + a] = columns[4 + a][i];
                    magnetometer[3 * i + a] = columns[7 + a][i];
                }
                for (int a = 0; a < 4; a++) {
                    truth[4 * i + a] = columns[10 + a][i];
                }
                movement[i] = columns[14][i] == 1;
            }
            return new BroadTrial(name, rate, gyroscope, accelerometer, magnetometer, truth, movement);
        }
    }

    private static double parse(String[] fields, int index, Path path, int lineNumber) throws IOException {
        if (index >= fields.length) {
            throw new IOException(path + ":" + lineNumber + ": too few fields");
        }
        String field = fields[index].trim();
        if (field.isEmpty() || field.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(field);
        } catch (NumberFormatException e) {
            throw new IOException(path + ":" + lineNumber + ": not a number: " + field, e);
        }
    }
}
