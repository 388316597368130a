// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.control;

import dev.backbeat.core.routine.BuiltInProfiles;
import dev.backbeat.core.routine.BuiltInRoutines;
import dev.backbeat.core.routine.DefinitionText;
import dev.backbeat.core.routine.RoutineFormatException;
import dev.backbeat.core.routine.SessionPlan;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The host's desired configuration of one strap ({@code backbeat device config DEVICE ...}),
 * published retained on {@link SyncTopics#configuration}: the routine and profile its sessions run
 * and the breathing set over them. The strap checks it as the host did ({@link #plan}), keeps it in
 * its data directory and applies it at its next session; what it did is its
 * {@link ConfigurationReport}. A configuration is whole: what it leaves unset is the strap's own
 * ({@code routine.name}, {@code profile.name} of its configuration file).
 *
 * @param deviceId the strap it is for (signed: it cannot be moved to another strap)
 * @param revision 1, 2, ...: each configuration the host publishes for a strap is newer than the
 *     last it saw; the strap takes only one newer than the one in force (an old one replayed does nothing)
 * @param issuedAt when the host issued it (its own clock; informative)
 * @param routine the routine: a built-in name, a routine file's text, or unset
 * @param profile the profile: a built-in name, a profile file's text, or unset
 * @param breathsPerMinute the pacer's rate in every step, breaths/min 3..10; NaN: unset
 * @param inhaleParts inhale share of the inhale:exhale ratio; NaN: unset
 * @param exhaleParts exhale share; NaN exactly when {@code inhaleParts} is
 * @param signature the host's signature ({@link dev.backbeat.mqtt.HostSignature}) over the encoded
 *     configuration without it, or empty when unsigned; a paired strap refuses unsigned configurations
 */
public record DesiredConfiguration(String deviceId, long revision, Instant issuedAt, Choice routine, Choice profile,
                                   double breathsPerMinute, double inhaleParts, double exhaleParts, byte[] signature) {

    /** Longest routine or profile text carried, bytes of UTF-8 (as long as a routine file may be). */
    public static final int MAX_TEXT_BYTES = 64 * 1024;

    /** How a routine or profile is given. */
    public enum Form {
        /** Not set: the strap's own. */
        UNSET,
        /** A built-in name: the strap's own built-in of that name. */
        BUILT_IN,
        /** The text of a file, checked on the strap with the same parser as on the host. */
        TEXT
    }

    /**
     * A routine or profile as the configuration gives it.
     *
     * @param form how
     * @param value the built-in name, or the file's text, or empty when unset
     */
    public record Choice(Form form, String value) {

        public static final Choice UNSET = new Choice(Form.UNSET, "");

        public Choice {
            Objects.requireNonNull(form, "form");
            Objects.requireNonNull(value, "value");
            if ((form == Form.UNSET) != value.isEmpty()) {
                throw new IllegalArgumentException("a routine or profile is unset exactly when it has no name or text");
            }
            if (value.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
                throw new IllegalArgumentException("a routine or profile text over " + MAX_TEXT_BYTES + " bytes");
            }
        }

        /** A built-in name or file text as read on the host. */
        public static Choice of(DefinitionText definition) {
            return definition.builtInName().map(name -> new Choice(Form.BUILT_IN, name))
                    .orElseGet(() -> new Choice(Form.TEXT, definition.text()));
        }

        @Override
        public String toString() {
            return switch (form) {
                case UNSET -> "unset";
                case BUILT_IN -> value;
                case TEXT -> "file text of " + value.getBytes(StandardCharsets.UTF_8).length + " bytes";
            };
        }
    }

    public DesiredConfiguration {
        SyncTopics.requireId(deviceId);
        if (revision < 1) {
            throw new IllegalArgumentException("a configuration revision is 1 or more, was " + revision);
        }
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(routine, "routine");
        Objects.requireNonNull(profile, "profile");
        if (Double.isNaN(inhaleParts) != Double.isNaN(exhaleParts)) {
            throw new IllegalArgumentException("a ratio has both its inhale and its exhale parts, or neither");
        }
        Objects.requireNonNull(signature, "signature (empty when unsigned)");
        if (signature.length > DeviceCommand.MAX_SIGNATURE_BYTES) {
            throw new IllegalArgumentException("a configuration signature of " + signature.length + " bytes is over the "
                    + DeviceCommand.MAX_SIGNATURE_BYTES + "-byte limit");
        }
        signature = signature.clone();
    }

    /** An unsigned configuration. */
    public static DesiredConfiguration unsigned(String deviceId, long revision, Instant issuedAt, Choice routine,
                                                Choice profile, double breathsPerMinute, double inhaleParts,
                                                double exhaleParts) {
        return new DesiredConfiguration(deviceId, revision, issuedAt, routine, profile, breathsPerMinute, inhaleParts,
                exhaleParts, new byte[0]);
    }

    /**
     * The session plan this configuration asks for, what it leaves unset taken from {@code own} (the
     * strap's own plan; the host checks with {@link SessionPlan#DEFAULT}): the same check on both sides.
     *
     * @throws RoutineFormatException naming what is wrong: an unknown built-in, a file text's line, the breathing
     */
    public SessionPlan plan(SessionPlan own) throws RoutineFormatException {
        DefinitionText routineText = switch (routine.form()) {
            case UNSET -> DefinitionText.of("routine " + own.routine().name(), own.routineText());
            case BUILT_IN -> builtIn(routine.value(), "routine");
            case TEXT -> DefinitionText.of("routine of configuration " + revision, routine.value());
        };
        Optional<DefinitionText> profileText = switch (profile.form()) {
            case UNSET -> own.profile().isEmpty() ? Optional.empty()
                    : Optional.of(DefinitionText.of("profile " + own.profileName(), own.profileText()));
            case BUILT_IN -> Optional.of(builtIn(profile.value(), "profile"));
            case TEXT -> Optional.of(DefinitionText.of("profile of configuration " + revision, profile.value()));
        };
        return SessionPlan.of(routineText, profileText,
                Double.isNaN(breathsPerMinute) ? own.breathsPerMinute() : breathsPerMinute,
                Double.isNaN(inhaleParts) ? own.inhaleParts() : inhaleParts,
                Double.isNaN(inhaleParts) ? own.exhaleParts() : exhaleParts);
    }

    /** A built-in of this program by name; never a file of the strap's, whatever the name says. */
    private static DefinitionText builtIn(String name, String kind) throws RoutineFormatException {
        Optional<String> text = kind.equals("routine") ? BuiltInRoutines.source(name) : BuiltInProfiles.source(name);
        if (text.isEmpty()) {
            throw new RoutineFormatException(kind + " '" + name + "'", 0, "is not a built-in " + kind
                    + " of this program (a newer host's? update backbeat-device, or send the " + kind + " as a file)");
        }
        return new DefinitionText("built-in " + name + "." + kind, text.get(), Optional.of(name));
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public boolean isSigned() {
        return signature.length > 0;
    }

    public DesiredConfiguration withSignature(byte[] newSignature) {
        return new DesiredConfiguration(deviceId, revision, issuedAt, routine, profile, breathsPerMinute, inhaleParts,
                exhaleParts, newSignature);
    }

    /** The same configuration without a signature: what the signature covers, once encoded. */
    public DesiredConfiguration unsigned() {
        return isSigned() ? withSignature(new byte[0]) : this;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DesiredConfiguration that && deviceId.equals(that.deviceId) && revision == that.revision
                && issuedAt.equals(that.issuedAt) && routine.equals(that.routine) && profile.equals(that.profile)
                && Double.compare(breathsPerMinute, that.breathsPerMinute) == 0
                && Double.compare(inhaleParts, that.inhaleParts) == 0 && Double.compare(exhaleParts, that.exhaleParts) == 0
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, revision, issuedAt, routine, profile, breathsPerMinute, inhaleParts, exhaleParts,
                Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "DesiredConfiguration[" + deviceId + " revision " + revision + ", routine " + routine + ", profile " + profile
                + ", pacer " + breathsPerMinute + ", ratio " + inhaleParts + ":" + exhaleParts
                + (isSigned() ? ", signed" : ", unsigned") + "]";
    }
}
