// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import dev.backbeat.core.routine.SessionPlan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which routine and profile a session ran with, as entries of its start record's settings: names
 * and the SHA-256 of their file text, so a report can tell two versions of a routine of the same
 * name apart. New entries of the settings map: old records decode unchanged, an older host stores
 * them as any setting.
 *
 * <pre>
 * routine.name     extensions
 * routine.sha256   64 lower-case hex digits of the routine file's UTF-8 text
 * profile.name     gentle, or none
 * profile.sha256   of the profile file's text (only with a profile)
 * calibration.asked  stand, or stored: the profile's wish (only with a profile); where the session's
 *                  calibration really came from is known only after its opening check, so the
 *                  session's analysis (its guided record, schema 3) says it
 * guard.extension_limit_deg   the hyperextension limit the guards used, degrees (a guided session;
 *                  a profile's share of the measured range resolved, see MeasuredRange)
 * </pre>
 */
public final class PlanInStartRecord {

    public static final String ROUTINE_NAME = "routine.name";
    public static final String ROUTINE_SHA256 = "routine.sha256";
    public static final String PROFILE_NAME = "profile.name";
    public static final String PROFILE_SHA256 = "profile.sha256";
    public static final String EXTENSION_LIMIT = "guard.extension_limit_deg";
    public static final String CALIBRATION_ASKED = "calibration.asked";
    /** The value of {@value #PROFILE_NAME} without a profile. */
    public static final String NO_PROFILE = "none";

    private PlanInStartRecord() {
    }

    /** The start record entries of {@code plan}. */
    public static Map<String, String> entries(SessionPlan plan) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(ROUTINE_NAME, plan.routine().name());
        entries.put(ROUTINE_SHA256, plan.routineSha256());
        entries.put(PROFILE_NAME, plan.profile().isEmpty() ? NO_PROFILE : plan.profileName());
        if (plan.profile().isPresent()) {
            entries.put(PROFILE_SHA256, plan.profileSha256());
            entries.put(CALIBRATION_ASKED, plan.calibration().name().toLowerCase(java.util.Locale.ROOT));
        }
        return entries;
    }
}
