// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.sync;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.mqtt.sync.ChunkRanges;
import dev.backbeat.mqtt.sync.ChunkSamples;
import dev.backbeat.mqtt.sync.SampleResolution;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncDecodeResult;
import dev.backbeat.mqtt.sync.SyncRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Issue 7's fuzz target: N payloads (default one million) through the sync decoder, the host's
 * first and only parser of bytes from the wire. A third are random bytes (half behind a valid
 * header), the rest valid records of every kind with 1 to 8 random byte changes, truncations or
 * extensions. The decoder must never throw, never take more than {@value #HANG_MILLIS} ms on one
 * payload, and never accept a changed chunk (its hash covers device, session, index and samples):
 * an accepted chunk must be byte for byte the original. Exit code 1 on any failure.
 *
 * <p>Usage: {@code SyncFuzzRun [payloads=1000000] [seed=1]}.
 */
public final class SyncFuzzRun {

    static final long HANG_MILLIS = 1_000;

    private SyncFuzzRun() {
    }

    public static void main(String[] args) {
        long payloads = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = SyncCodec.encode(SyncRecord.SessionChunk.seal("strap-01", "s1", 4, samples(random),
                Optional.of(SampleResolution.LSM6DSOX_500DPS_4G)));
        List<byte[]> valid = List.of(chunk,
                SyncCodec.encode(new SyncRecord.SessionStart("strap-01", "s1", Instant.parse("2026-11-26T08:00:00Z"), "sim",
                        200, List.of(SensorPosition.UPPER, SensorPosition.LOWER), Map.of("cycles", "6"))),
                SyncCodec.encode(new SyncRecord.Manifest("strap-01", Instant.parse("2026-11-26T08:00:00Z"),
                        List.of(new SyncRecord.ManifestEntry("s1", 600, true)))),
                SyncCodec.encode(new SyncRecord.Acknowledgement("strap-01", "s1", true, false, ChunkRanges.EMPTY, false)),
                SyncCodec.encode(new SyncRecord.Bundle("strap-01", List.of(chunk, chunk))));
        long rejected = 0;
        long acceptedUnchanged = 0;
        long acceptedChanged = 0;
        long failures = 0;
        long slowestNanos = 0;
        long started = System.nanoTime();
        for (long index = 0; index < payloads; index++) {
            int kind = random.nextInt(3);
            byte[] original = kind == 0 ? null : valid.get(random.nextInt(valid.size()));
            byte[] payload = original == null ? randomPayload(random) : mutate(original, random);
            long before = System.nanoTime();
            SyncDecodeResult result;
            try {
                result = SyncCodec.decode(payload);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                failures++;
                System.out.println("FAIL: decode threw " + e + " on payload " + index);
                continue;
            }
            long took = System.nanoTime() - before;
            slowestNanos = Math.max(slowestNanos, took);
            if (took > HANG_MILLIS * 1_000_000) {
                failures++;
                System.out.printf(Locale.ROOT, "FAIL: payload %d took %.0f ms%n", index, took / 1e6);
            }
            if (result == null) {
                failures++;
                System.out.println("FAIL: no result for payload " + index);
            } else if (result instanceof SyncDecodeResult.Rejected) {
                rejected++;
            } else if (Arrays.equals(payload, original)) {
                acceptedUnchanged++;
            } else {
                acceptedChanged++;
                SyncRecord record = ((SyncDecodeResult.Decoded) result).record();
                if (record instanceof SyncRecord.SessionChunk && original == chunk) {
                    failures++; // a changed chunk passed its hash check
                    System.out.println("FAIL: a changed chunk was accepted (payload " + index + ")");
                }
                if (record instanceof SyncRecord.Bundle bundle) {
                    // the host decodes every record in a bundle on its own: a changed chunk must fail its hash there
                    for (byte[] inner : bundle.records()) {
                        try {
                            if (SyncCodec.decode(inner) instanceof SyncDecodeResult.Decoded(SyncRecord.SessionChunk ignored)
                                    && !Arrays.equals(inner, chunk)) {
                                failures++;
                                System.out.println("FAIL: a changed chunk in a bundle was accepted (payload " + index + ")");
                            }
                        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                            failures++;
                            System.out.println("FAIL: decode threw " + e + " on a record bundled in payload " + index);
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "fuzz: %d payloads (seed %d) in %.1f s: %d rejected, %d accepted unchanged, "
                        + "%d changed but still well-formed (start, manifest, acknowledgement or bundle framing fields), 0 changed chunks "
                        + "accepted; slowest decode %.2f ms; %d failures%n", payloads, seed,
                (System.nanoTime() - started) / 1e9, rejected, acceptedUnchanged, acceptedChanged, slowestNanos / 1e6,
                failures);
        System.out.println(failures == 0 ? "PASS" : "FAIL");
        System.exit(failures == 0 ? 0 : 1);
    }

    private static ChunkSamples samples(SplittableRandom random) {
        double step = SampleResolution.LSM6DSOX_500DPS_4G.gyroscopeRadiansPerSecondPerCount();
        double accelerometerStep = SampleResolution.LSM6DSOX_500DPS_4G.accelerometerMetersPerSecondSquaredPerCount();
        int count = 200;
        double[] times = new double[count];
        float[] gyroscope = new float[3 * count];
        float[] accelerometer = new float[3 * count];
        for (int sample = 0; sample < count; sample++) {
            times[sample] = sample / 200.0;
            for (int axis = 0; axis < 3; axis++) {
                gyroscope[3 * sample + axis] = (float) SampleResolution.value(random.nextInt(-2000, 2000), step);
                accelerometer[3 * sample + axis] = (float) SampleResolution.value(random.nextInt(-9000, 9000),
                        accelerometerStep);
            }
        }
        return new ChunkSamples(List.of(new ChunkSamples.Block(SensorPosition.UPPER, times, gyroscope, accelerometer)));
    }

    private static byte[] randomPayload(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(700)];
        random.nextBytes(bytes);
        if (random.nextBoolean() && bytes.length >= 7) {
            System.arraycopy("BKSY".getBytes(), 0, bytes, 0, 4);
            bytes[4] = 0;
            bytes[5] = 1; // schema 1
            bytes[6] = (byte) random.nextInt(8);
        }
        return bytes;
    }

    private static byte[] mutate(byte[] original, SplittableRandom random) {
        byte[] payload = original.clone();
        switch (random.nextInt(4)) {
            case 0 -> payload = Arrays.copyOf(payload, random.nextInt(payload.length)); // truncated
            case 1 -> {
                payload = Arrays.copyOf(payload, payload.length + 1 + random.nextInt(64)); // extended
                for (int index = original.length; index < payload.length; index++) {
                    payload[index] = (byte) random.nextInt(256);
                }
            }
            default -> {
                int changes = 1 + random.nextInt(8);
                for (int change = 0; change < changes; change++) {
                    payload[random.nextInt(payload.length)] ^= (byte) (1 + random.nextInt(255));
                }
            }
        }
        return payload;
    }
}
