// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.control;

import dev.backbeat.mqtt.sync.SyncTopics;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a strap did with the host's desired configurations, published retained on
 * {@link SyncTopics#configurationReport} by {@code backbeat-device serve} whenever it changes: the
 * configuration in force (what the next session runs, or the last one ran) and the last one it
 * refused, with the reason. What {@code backbeat device config DEVICE} prints beside the desired one.
 *
 * @param deviceId the strap
 * @param writtenAt the strap's wall clock when this changed last
 * @param revision the host's configuration in force, or 0 when none is: the strap's own configuration file
 * @param routine the name of the routine sessions run
 * @param routineSha256 lower-case hex SHA-256 of its routine file text
 * @param profile the name of the profile, or empty for none
 * @param profileSha256 SHA-256 of its profile file text, or empty
 * @param breathsPerMinute the pacer rate set over routine and profile, breaths/min; NaN: none set
 * @param inhaleParts inhale share of the ratio set over them; NaN: none set
 * @param exhaleParts exhale share; NaN exactly when {@code inhaleParts} is
 * @param appliedInSession the session that began with this configuration, or empty while it waits for the next session
 * @param refusal the last configuration refused, if any
 */
public record ConfigurationReport(String deviceId, Instant writtenAt, long revision, String routine, String routineSha256,
                                  String profile, String profileSha256, double breathsPerMinute, double inhaleParts,
                                  double exhaleParts, String appliedInSession, Optional<Refusal> refusal) {

    /**
     * A configuration the strap did not take.
     *
     * @param revision its revision, or 0 when it could not be read at all
     * @param reason why, in words (e.g. {@code routine of configuration 4:3: unknown movement 'plank'})
     */
    public record Refusal(long revision, String reason) {
        public Refusal {
            if (revision < 0) {
                throw new IllegalArgumentException("a refused revision is 0 (unreadable) or more, was " + revision);
            }
            Objects.requireNonNull(reason, "reason");
        }
    }

    public ConfigurationReport {
        SyncTopics.requireId(deviceId);
        Objects.requireNonNull(writtenAt, "writtenAt");
        if (revision < 0) {
            throw new IllegalArgumentException("a configuration revision is 0 (none) or more, was " + revision);
        }
        Objects.requireNonNull(routine, "routine");
        Objects.requireNonNull(routineSha256, "routineSha256");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(profileSha256, "profileSha256");
        if (Double.isNaN(inhaleParts) != Double.isNaN(exhaleParts)) {
            throw new IllegalArgumentException("a ratio has both its inhale and its exhale parts, or neither");
        }
        Objects.requireNonNull(appliedInSession, "appliedInSession");
        Objects.requireNonNull(refusal, "refusal");
    }

    /** Whether a session has begun with the configuration in force. */
    public boolean applied() {
        return !appliedInSession.isEmpty();
    }
}
