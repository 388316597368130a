// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.serve;

import dev.backbeat.mqtt.control.DeviceHealth.ClockStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Whether the wall clock is synchronised, asked in this order:
 * <ol>
 *   <li>a wall clock before {@link #EARLIEST_PLAUSIBLE} is not (a Pi without a real-time clock
 *       that booted without network);</li>
 *   <li>{@code /run/systemd/timesync/synchronized} exists: synchronised (systemd-timesyncd creates
 *       it at its first synchronisation after boot);</li>
 *   <li>{@code timedatectl show -p NTPSynchronized --value} says {@code yes} or {@code no}
 *       (systemd with any NTP client, chrony included; at most 2 s);</li>
 *   <li>otherwise {@link ClockStatus#UNKNOWN} (no systemd). Once {@code timedatectl} could not
 *       answer (missing, or failing: "System has not been booted with systemd"), it is not asked
 *       again for {@link #RETRY_AFTER_FAILURE_NANOS 30 minutes}: each futile try started a process
 *       (and the JDK's process reaper thread) every minute, and a system without systemd does not
 *       gain it while the service runs; one whose D-Bus was not up yet is asked again later.</li>
 * </ol>
 * The strap's ordering never depends on the answer ({@link SessionSequence}); it is recorded with
 * each session and in the health so a reader knows whether to trust the times.
 */
public final class ClockProbe {

    /** Earlier than this, the wall clock cannot be right (this code did not exist yet). */
    public static final Instant EARLIEST_PLAUSIBLE = Instant.parse("2026-01-01T00:00:00Z");
    static final Path TIMESYNC_FLAG = Path.of("run", "systemd", "timesync", "synchronized");
    /** The question put to systemd when the timesyncd flag is missing. */
    public static final List<String> TIMEDATECTL = List.of("timedatectl", "show", "-p", "NTPSynchronized", "--value");
    /** How long a query that could not answer is not started again, ns (30 minutes). */
    static final long RETRY_AFTER_FAILURE_NANOS = 30 * 60 * 1_000_000_000L;

    private final Path root;
    private final Clock wallClock;
    private final List<String> synchronizedQuery;
    private final LongSupplier monotonicNanos;
    /** When the query may be started again (after it could not answer), on {@link #monotonicNanos}. */
    private long queryAgainAtNanos;
    private boolean queryFailed;

    /**
     * @param root where {@code run/systemd/...} is looked for ({@code /} on the strap)
     * @param synchronizedQuery the command that prints {@code yes} or {@code no} ({@link #TIMEDATECTL});
     *     empty: none is asked
     */
    public ClockProbe(Path root, Clock wallClock, List<String> synchronizedQuery) {
        this(root, wallClock, synchronizedQuery, System::nanoTime);
    }

    /** As above, with the monotonic clock the retry waits on (tests). */
    ClockProbe(Path root, Clock wallClock, List<String> synchronizedQuery, LongSupplier monotonicNanos) {
        this.root = root;
        this.wallClock = wallClock;
        this.synchronizedQuery = List.copyOf(synchronizedQuery);
        this.monotonicNanos = monotonicNanos;
    }

    /** The strap's: the real root, the system clock, timedatectl if there is one. */
    public static ClockProbe system() {
        return new ClockProbe(Path.of("/"), Clock.systemUTC(), TIMEDATECTL);
    }

    public synchronized ClockStatus status() {
        if (wallClock.instant().isBefore(EARLIEST_PLAUSIBLE)) {
            return ClockStatus.NOT_SYNCHRONIZED;
        }
        if (Files.exists(root.resolve(TIMESYNC_FLAG))) {
            return ClockStatus.SYNCHRONIZED;
        }
        if (synchronizedQuery.isEmpty() || queryFailed && monotonicNanos.getAsLong() - queryAgainAtNanos < 0) {
            return ClockStatus.UNKNOWN;
        }
        queryFailed = false;
        return askQuery();
    }

    private ClockStatus askQuery() {
        try {
            Process process = new ProcessBuilder(synchronizedQuery).redirectErrorStream(true).start();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return ClockStatus.UNKNOWN; // slow (at boot): asked again next time
            }
            String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                return failed();
            }
            return switch (answer) {
                case "yes" -> ClockStatus.SYNCHRONIZED;
                case "no" -> ClockStatus.NOT_SYNCHRONIZED;
                default -> ClockStatus.UNKNOWN;
            };
        } catch (IOException notThere) {
            return failed();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return ClockStatus.UNKNOWN;
        }
    }

    private ClockStatus failed() {
        queryFailed = true;
        queryAgainAtNanos = monotonicNanos.getAsLong() + RETRY_AFTER_FAILURE_NANOS;
        return ClockStatus.UNKNOWN;
    }
}
