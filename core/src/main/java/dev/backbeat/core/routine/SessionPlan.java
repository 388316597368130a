// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * What a session runs: a routine and, if one is chosen, the profile that fits it to the wearer,
 * with a breath rate and inhale:exhale ratio set over both (the host's {@code --pacer-rate} and
 * {@code --ratio}). Each definition is kept with the text it was read from, so a session records
 * exactly what it ran (name and SHA-256 of the text), and the same checks ({@link #of}) run on the
 * host before it publishes a configuration and on the strap when it receives one.
 *
 * @param routine the routine as its file writes it
 * @param routineText the routine file's text
 * @param profile the profile, if one is chosen
 * @param profileText the profile file's text; empty without a profile
 * @param breathsPerMinute the pacer's rate in every step, breaths/min, 3..10; NaN keeps the profile's
 *     or else the routine's
 * @param inhaleParts inhale share of the inhale:exhale ratio in every step; NaN keeps the profile's
 *     or else the routine's
 * @param exhaleParts exhale share of the ratio; NaN exactly when {@code inhaleParts} is
 */
public record SessionPlan(GuidedRoutine routine, String routineText, Optional<Profile> profile, String profileText,
                          double breathsPerMinute, double inhaleParts, double exhaleParts) {

    /** Personalises nothing but the breathing set over a routine run without a profile. */
    private static final Profile NEUTRAL = new Profile("none", "no profile", RangeLimit.ofMeasuredRange(1.5),
            RangeLimit.ofMeasuredRange(1.5), Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1, 0.8,
            Profile.CuePattern.ENVELOPE, 0, BuiltInRoutines.NAMES);

    /** The built-in cat-cow routine, no profile, nothing set over it: what a strap runs unless configured. */
    public static final SessionPlan DEFAULT = builtInDefault();

    /**
     * Checks a routine, a profile and the breathing set over them together: each text must read
     * (errors name its source and line), the
     * rate must be {@value BreathPattern#SLOWEST_BREATHS_PER_MINUTE}..{@value BreathPattern#FASTEST_BREATHS_PER_MINUTE}
     * breaths/min and the ratio within 1:4 and 4:1, and the routine as the profile makes it must be one the pacer can run.
     *
     * @param breathsPerMinute NaN: not set
     * @param inhaleParts NaN (with {@code exhaleParts}): not set
     */
    public static SessionPlan of(DefinitionText routine, Optional<DefinitionText> profile, double breathsPerMinute,
                                 double inhaleParts, double exhaleParts) throws RoutineFormatException {
        GuidedRoutine guided = RoutineFile.parse(routine.source(), routine.text());
        Optional<Profile> person = Optional.empty();
        if (profile.isPresent()) {
            Profile read = ProfileFile.parse(profile.get().source(), profile.get().text());
            person = Optional.of(read);
        }
        if (!Double.isNaN(breathsPerMinute) && !(breathsPerMinute >= BreathPattern.SLOWEST_BREATHS_PER_MINUTE
                && breathsPerMinute <= BreathPattern.FASTEST_BREATHS_PER_MINUTE)) {
            throw new RoutineFormatException("pacer rate", 0, "must be " + BreathPattern.number(BreathPattern.SLOWEST_BREATHS_PER_MINUTE)
                    + ".." + BreathPattern.number(BreathPattern.FASTEST_BREATHS_PER_MINUTE) + " breaths/min, was "
                    + BreathPattern.number(breathsPerMinute));
        }
        if (Double.isNaN(inhaleParts) != Double.isNaN(exhaleParts)) {
            throw new RoutineFormatException("ratio", 0, "needs both inhale and exhale parts");
        }
        if (!Double.isNaN(inhaleParts)) {
            DefinitionLines.ratio("ratio", 0, "inhale:exhale", BreathPattern.number(inhaleParts) + ":"
                    + BreathPattern.number(exhaleParts));
        }
        SessionPlan plan = new SessionPlan(guided, routine.text(), person, profile.map(DefinitionText::text).orElse(""),
                breathsPerMinute, inhaleParts, exhaleParts);
        try {
            plan.personalisedRoutine();
        } catch (IllegalArgumentException unrunnable) {
            throw new RoutineFormatException(routine.source(), 0, "cannot be run as "
                    + profile.map(DefinitionText::source).orElse("set") + " makes it: " + unrunnable.getMessage());
        }
        return plan;
    }

    /**
     * This plan with another routine: the same profile, rate and ratio over it, checked together as
     * {@link #of} checks them (a profile's limits may not fit every routine).
     */
    public SessionPlan withRoutine(DefinitionText other) throws RoutineFormatException {
        Optional<DefinitionText> person = profile.map(read -> DefinitionText.of("profile " + read.name(), profileText));
        return of(other, person, breathsPerMinute, inhaleParts, exhaleParts);
    }

    /**
     * This plan with the profile's limits that are a share of the person's measured range resolved
     * against it ({@link Profile#withMeasuredRange}); unchanged without a profile or a measured range.
     */
    public SessionPlan withMeasuredRange(double measuredExtensionDegrees, double measuredFlexionDegrees) {
        if (profile.isEmpty()) {
            return this;
        }
        return new SessionPlan(routine, routineText, Optional.of(profile.get().withMeasuredRange(measuredExtensionDegrees,
                measuredFlexionDegrees)), profileText, breathsPerMinute, inhaleParts, exhaleParts);
    }

    /** The routine as the session runs it: personalised by the profile, with the rate and ratio set over it. */
    public GuidedRoutine personalisedRoutine() {
        Profile base = profile.orElse(NEUTRAL);
        if (Double.isNaN(breathsPerMinute) && Double.isNaN(inhaleParts) && profile.isEmpty()) {
            return routine;
        }
        Profile effective = new Profile(base.name(), base.title(), base.extensionLimit(), base.flexionLimit(),
                Double.isNaN(breathsPerMinute) ? base.breathsPerMinute() : breathsPerMinute,
                Double.isNaN(inhaleParts) ? base.inhaleParts() : inhaleParts,
                Double.isNaN(inhaleParts) ? base.exhaleParts() : exhaleParts,
                base.holdSeconds(), base.tempoScale(), base.cueStrength(), base.cuePattern(), base.glideMinutes(), base.routines(),
                base.calibration());
        return effective.personalise(routine);
    }

    /** Where the profile wants each session's calibration from; a stand without a profile. */
    public Profile.Calibration calibration() {
        return profile.map(Profile::calibration).orElse(Profile.Calibration.STAND);
    }

    /** The profile's name, or empty without one. */
    public String profileName() {
        return profile.map(Profile::name).orElse("");
    }

    /** Lower-case hex SHA-256 of the routine file's UTF-8 text. */
    public String routineSha256() {
        return sha256(routineText);
    }

    /** Lower-case hex SHA-256 of the profile file's UTF-8 text; empty without a profile. */
    public String profileSha256() {
        return profile.isEmpty() ? "" : sha256(profileText);
    }

    /** One line for logs: {@code routine extensions, profile gentle, pacer 5/min, ratio 4:6}. */
    public String describe() {
        StringBuilder line = new StringBuilder("routine ").append(routine.name())
                .append(profile.map(person -> ", profile " + person.name()).orElse(", no profile"));
        if (!Double.isNaN(breathsPerMinute)) {
            line.append(", pacer ").append(BreathPattern.number(breathsPerMinute)).append("/min");
        }
        if (!Double.isNaN(inhaleParts)) {
            line.append(", ratio ").append(BreathPattern.number(inhaleParts)).append(':').append(BreathPattern.number(exhaleParts));
        }
        return line.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    }

    private static SessionPlan builtInDefault() {
        String name = "cat-cow";
        try {
            return of(new DefinitionText("built-in " + name + ".routine", BuiltInRoutines.source(name).orElseThrow(),
                    Optional.of(name)), Optional.empty(), Double.NaN, Double.NaN, Double.NaN);
        } catch (RoutineFormatException e) {
            throw new IllegalStateException("the built-in cat-cow routine does not read: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SessionPlan[%s]", describe());
    }
}
