// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.store;

import java.time.Instant;

/**
 * One stored session's summary row, as {@code backbeat sessions} and {@code backbeat show} print it.
 *
 * @param deviceId the strap that recorded it
 * @param sessionId its id
 * @param startedAt when it started on the device
 * @param receivedAt when the host stored it
 * @param hardware what produced the samples
 * @param sampleRateHz sensor rate, Hz
 * @param durationSeconds length, s
 * @param upperSamples samples of the upper sensor
 * @param lowerSamples samples of the lower sensor
 * @param repetitionCount repetitions counted
 * @param flexionMinDegrees most extended angle, degrees (NaN if uncalibrated)
 * @param flexionMaxDegrees most flexed angle, degrees (NaN if uncalibrated)
 * @param pacerBreathsPerMinute pacer rate, breaths/min
 * @param pacerInhaleCues paced breaths given
 * @param payloadSha256 hex SHA-256 of the stored payload
 * @param status {@code complete}, or {@code interrupted} when the strap stopped before the end
 *     (a power cut) and the session holds what was sealed before
 */
public record SessionListing(
        String deviceId,
        String sessionId,
        Instant startedAt,
        Instant receivedAt,
        String hardware,
        double sampleRateHz,
        double durationSeconds,
        int upperSamples,
        int lowerSamples,
        int repetitionCount,
        double flexionMinDegrees,
        double flexionMaxDegrees,
        double pacerBreathsPerMinute,
        int pacerInhaleCues,
        String payloadSha256,
        String status) {
}
