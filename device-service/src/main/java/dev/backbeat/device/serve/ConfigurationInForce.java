// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.serve;

import dev.backbeat.mqtt.DurableFile;
import dev.backbeat.core.routine.RoutineFormatException;
import dev.backbeat.core.routine.SessionPlan;
import dev.backbeat.mqtt.control.ConfigurationReport;
import dev.backbeat.mqtt.control.ControlCodec;
import dev.backbeat.mqtt.control.ControlDecodeResult;
import dev.backbeat.mqtt.control.DesiredConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The configuration a strap's sessions run with: its own ({@code routine.name}, {@code profile.name})
 * until the host's desired configuration replaces it. A desired configuration the control channel
 * believed (for this strap; on a paired strap, signed by the host) is checked as the host checked
 * it ({@link DesiredConfiguration#plan}), stored in {@value #FILE_NAME} in the data directory
 * (replaced atomically and forced to disk, as received, signature included) and is in force from
 * the next session on. One that fails is refused with the reason and the one in force stays. What
 * happened is the {@link #report}, which the control channel publishes. Thread-safe: the control
 * channel writes, the serve loop reads.
 *
 * <ul>
 *   <li>The same revision again (the retained configuration after a reconnect) changes nothing.</li>
 *   <li>An older revision than the one in force (one replayed) is refused.</li>
 *   <li>After a restart the stored configuration is read back and checked again; the report then says
 *       it waits for the next session, even if a session ran with it before the restart.</li>
 * </ul>
 */
public final class ConfigurationInForce {

    /** The host's configuration in force, in the data directory: the record as received. */
    public static final String FILE_NAME = "desired-configuration";

    /** What the next session runs, and which host configuration it comes from (0: the strap's own). */
    public record Planned(long revision, SessionPlan plan) {
    }

    private final Path file;
    private final String deviceId;
    private final SessionPlan own;
    private final Clock clock;
    private final Consumer<String> log;
    private long revision;
    private SessionPlan plan;
    private String appliedInSession = "";
    private Optional<ConfigurationReport.Refusal> refusal = Optional.empty();
    private Instant changedAt;

    private ConfigurationInForce(Path file, String deviceId, SessionPlan own, Clock clock, Consumer<String> log) {
        this.file = file;
        this.deviceId = deviceId;
        this.own = own;
        this.plan = own;
        this.clock = clock;
        this.log = log;
        this.changedAt = clock.instant();
    }

    /**
     * The configuration in force in {@code dataDirectory}: the stored host configuration if there is
     * one that still passes the checks, else {@code own}.
     */
    public static ConfigurationInForce open(Path dataDirectory, String deviceId, SessionPlan own, Clock clock,
                                            Consumer<String> log) throws IOException {
        ConfigurationInForce configuration = new ConfigurationInForce(dataDirectory.resolve(FILE_NAME), deviceId, own,
                clock, log);
        byte[] stored;
        try {
            stored = Files.readAllBytes(configuration.file);
        } catch (NoSuchFileException none) {
            return configuration;
        }
        switch (ControlCodec.decode(stored)) {
            case ControlDecodeResult.Configuration(DesiredConfiguration desired) when desired.deviceId().equals(deviceId) -> {
                try {
                    configuration.plan = desired.plan(own);
                    configuration.revision = desired.revision();
                    log.accept("configuration " + desired.revision() + " from the host is in force: "
                            + configuration.plan.describe());
                } catch (RoutineFormatException invalid) {
                    configuration.refuse(desired.revision(), "the stored configuration no longer passes: " + invalid.getMessage());
                }
            }
            case ControlDecodeResult.Rejected(String reason) -> configuration.refuse(0, configuration.file + ": " + reason);
            default -> configuration.refuse(0, configuration.file + ": not this strap's configuration");
        }
        return configuration;
    }

    /** A desired configuration the control channel believed: taken, or refused with the reason. */
    public synchronized void receive(DesiredConfiguration desired) {
        if (desired.revision() == revision) {
            return; // the configuration in force, delivered again
        }
        if (desired.revision() < revision) {
            refuse(desired.revision(), "revision " + desired.revision() + " is older than revision " + revision
                    + " in force (replayed?)");
            return;
        }
        SessionPlan next;
        try {
            next = desired.plan(own);
        } catch (RoutineFormatException invalid) {
            refuse(desired.revision(), invalid.getMessage());
            return;
        }
        try {
            DurableFile.replace(file, ControlCodec.encode(desired));
        } catch (IOException unwritable) {
            refuse(desired.revision(), "cannot store it in " + file + ": " + unwritable.getMessage());
            return;
        }
        revision = desired.revision();
        plan = next;
        appliedInSession = "";
        changedAt = clock.instant();
        log.accept("configuration " + revision + " from the host taken: " + plan.describe() + "; in force from the next session");
    }

    /** Notes that configuration {@code refusedRevision} (0: unreadable) was refused for {@code reason}. */
    public synchronized void refuse(long refusedRevision, String reason) {
        ConfigurationReport.Refusal next = new ConfigurationReport.Refusal(refusedRevision, reason);
        if (refusal.isPresent() && refusal.get().equals(next)) {
            return; // the same refused configuration, delivered again
        }
        refusal = Optional.of(next);
        changedAt = clock.instant();
        log.accept("refused configuration " + (refusedRevision == 0 ? "(unreadable)" : refusedRevision) + ": " + reason
                + (revision == 0 ? "; the strap's own stays in force" : "; configuration " + revision + " stays in force"));
    }

    /** What the next session runs. */
    public synchronized Planned next() {
        return new Planned(revision, plan);
    }

    /** A session began with configuration {@code appliedRevision}. */
    public synchronized void applied(long appliedRevision, String sessionId) {
        if (appliedRevision == revision && !sessionId.equals(appliedInSession)) {
            appliedInSession = sessionId;
            changedAt = clock.instant();
        }
    }

    /** What the strap did with the host's configurations, as it publishes it. */
    public synchronized ConfigurationReport report() {
        return new ConfigurationReport(deviceId, changedAt, revision, plan.routine().name(), plan.routineSha256(),
                plan.profileName(), plan.profileSha256(), plan.breathsPerMinute(), plan.inhaleParts(), plan.exhaleParts(),
                appliedInSession, refusal);
    }
}
