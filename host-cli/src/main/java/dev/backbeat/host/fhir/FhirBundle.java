// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.fhir;

import dev.backbeat.core.analysis.RecordingAnalysis;
import dev.backbeat.core.rhythm.BreathWindow;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.host.analysis.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Stored sessions as one FHIR R4 {@code Bundle} of type {@code collection}, for a clinical record:
 * per session a {@code Device} for the strap (with the algorithm version) and {@code Observation}s:
 * respiratory rate (LOINC 9279-1, {@code /min}, the FHIR vital-signs profile {@code resprate}),
 * exercise duration (LOINC 55411-3, min), range of motion per spinal angle (flexion, side bend, twist:
 * components minimum, maximum and range, degrees), repetitions counted, and the angle waveforms as
 * {@code SampledData}. The wearer appears only as a pseudonymous reference (an identifier, no
 * name, no Patient resource).
 *
 * <p>Where each figure comes from: repetitions and breathing rate are what the strap recorded
 * (its streaming detector), as {@code backbeat show} prints them; the angles, which the strap does
 * not keep, are the host's re-analysis of the raw samples, as {@code backbeat analyze} computes
 * them. Each Observation's {@code method} says which. Resource ids are name-based UUIDs of the
 * device, session and observation, so exporting the same session twice gives the same ids.
 */
public final class FhirBundle {

    /** The waveforms' sampling rate in the Bundle, Hz: 10 Hz keeps the tempo of a stretch (about 0.1 Hz) and a 10-minute session under 200 kB. */
    public static final double WAVEFORM_RATE_HZ = 10;
    /** A waveform value is an integer number of this many degrees (SampledData.factor). */
    public static final double WAVEFORM_RESOLUTION_DEGREES = 0.1;

    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String RESPIRATORY_RATE_PROFILE = "http://hl7.org/fhir/StructureDefinition/resprate";
    /** Identifiers that are URIs: the strap's id and the wearer's pseudonym, as {@code urn:backbeat:...}. */
    static final String URI_IDENTIFIER = "urn:ietf:rfc:3986";

    /** One session to export: what the strap recorded, and the host's analysis of its raw samples. */
    public record Entry(RecordedSession session, RecordingAnalysis analysis, String subjectPseudonym) {
    }

    private FhirBundle() {
    }

    /**
     * The Bundle as JSON.
     *
     * @param algorithmVersion the backbeat version that analysed the samples (the Device's version)
     * @param now the Bundle's timestamp
     */
    public static String of(List<Entry> entries, String algorithmVersion, Instant now) {
        JsonWriter json = new JsonWriter().beginObject();
        json.member("resourceType", "Bundle");
        json.member("id", uuid("bundle", entries.stream().map(entry -> entry.session().sessionId()).toList().toString()));
        json.member("type", "collection");
        json.member("timestamp", now.truncatedTo(ChronoUnit.SECONDS).toString());
        json.name("entry").beginArray();
        java.util.Set<String> devicesWritten = new java.util.HashSet<>();
        for (Entry entry : entries) {
            writeSession(json, entry, algorithmVersion, devicesWritten);
        }
        json.endArray();
        return json.endObject().toString();
    }

    /** The session's Observations, after its strap's Device unless an earlier session of the strap wrote it. */
    private static void writeSession(JsonWriter json, Entry entry, String algorithmVersion, java.util.Set<String> devicesWritten) {
        RecordedSession session = entry.session();
        String deviceUuid = uuid("device", session.deviceId() + "/" + algorithmVersion);
        if (devicesWritten.add(deviceUuid)) {
            writeDevice(json, session, deviceUuid, algorithmVersion);
        }
        Observation observation = new Observation(json, entry, deviceUuid);
        observation.respiratoryRate();
        observation.exerciseDuration();
        observation.rangesOfMotion();
        observation.repetitions();
        observation.waveforms();
    }

    private static void writeDevice(JsonWriter json, RecordedSession session, String deviceUuid, String algorithmVersion) {
        entry(json, deviceUuid);
        json.member("resourceType", "Device");
        json.member("id", deviceUuid);
        json.name("identifier").beginArray().beginObject()
                .member("system", URI_IDENTIFIER).member("value", "urn:backbeat:strap:" + session.deviceId()).endObject().endArray();
        json.member("status", "active");
        json.member("manufacturer", "Backbeat (open hardware)");
        json.name("deviceName").beginArray().beginObject()
                .member("name", "Backbeat strap " + session.deviceId()).member("type", "user-friendly-name").endObject().endArray();
        json.member("modelNumber", session.hardware());
        json.name("type").beginObject().member("text", "posture-feedback strap: two IMUs at T4 and S1 and a haptic breath pacer")
                .endObject();
        json.name("version").beginArray()
                .beginObject().name("type").beginObject().member("text", "algorithm").endObject()
                .member("value", algorithmVersion).endObject()
                .endArray();
        json.endObject().endObject();
    }

    /** Writes the Observations of one session. */
    private static final class Observation {

        private static final String FROM_STRAP = "as recorded on the strap (its streaming detector)";
        private static final String FROM_HOST = "re-analysed by the host from the raw samples (offline analyzer)";

        private final JsonWriter json;
        private final RecordedSession session;
        private final RecordingAnalysis analysis;
        private final String subject;
        private final String deviceUuid;

        Observation(JsonWriter json, Entry entry, String deviceUuid) {
            this.json = json;
            this.session = entry.session();
            this.analysis = entry.analysis();
            this.subject = entry.subjectPseudonym();
            this.deviceUuid = deviceUuid;
        }

        void respiratoryRate() {
            List<BreathWindow> windows = session.breath();
            String method = FROM_STRAP;
            if (windows.isEmpty()) {
                windows = analysis.rhythm().breath();
                method = FROM_HOST;
            }
            begin("respiratory-rate", RESPIRATORY_RATE_PROFILE, "vital-signs", "Vital Signs");
            code(LOINC, "9279-1", "Respiratory rate");
            common(method + (windows.isEmpty() ? "" : String.format(Locale.ROOT,
                    "; mean over %d quiet windows of the session", windows.size())), false);
            if (windows.isEmpty()) {
                dataAbsent("not measurable: no quiet stretch long enough in this session");
            } else {
                double mean = windows.stream().mapToDouble(BreathWindow::rateBreathsPerMinute).average().orElseThrow();
                quantity("valueQuantity", round(mean, 1), "/min", "/min", "breaths/minute");
            }
            end();
        }

        void exerciseDuration() {
            begin("exercise-duration", null, "activity", "Activity");
            code(LOINC, "55411-3", "Exercise duration");
            common(FROM_STRAP, true);
            quantity("valueQuantity", round(session.summary().durationSeconds() / 60, 2), "min", "min", "minutes");
            end();
        }

        void rangesOfMotion() {
            if (!analysis.angles().hasCurvature()) {
                return;
            }
            rangeOfMotion("flexion", "Spinal flexion range of motion (+ forward, - extension), T4 relative to S1",
                    analysis.angles().flexionDegrees());
            rangeOfMotion("side-bend", "Spinal side bend range of motion (+ right), T4 relative to S1",
                    analysis.angles().sideBendDegrees());
            rangeOfMotion("twist", "Spinal twist range of motion (+ right), T4 relative to S1",
                    analysis.angles().twistDegrees());
        }

        private void rangeOfMotion(String angle, String text, double[] degrees) {
            double minimum = Double.POSITIVE_INFINITY;
            double maximum = Double.NEGATIVE_INFINITY;
            for (double value : degrees) {
                if (Double.isFinite(value)) {
                    minimum = Math.min(minimum, value);
                    maximum = Math.max(maximum, value);
                }
            }
            if (!Double.isFinite(minimum)) {
                return;
            }
            begin("range-of-motion-" + angle, null, "exam", "Exam");
            json.name("code").beginObject().member("text", text).endObject();
            common(FROM_HOST + ", relative to the neutral stand", true);
            json.name("component").beginArray();
            component("Minimum, degrees", minimum);
            component("Maximum, degrees", maximum);
            component("Range (maximum - minimum), degrees", maximum - minimum);
            json.endArray();
            end();
        }

        private void component(String text, double degrees) {
            json.beginObject().name("code").beginObject().member("text", text).endObject();
            quantity("valueQuantity", round(degrees, 1), "deg", "deg", "degrees");
            json.endObject();
        }

        void repetitions() {
            begin("repetitions", null, "activity", "Activity");
            json.name("code").beginObject().member("text", "Repetitions of the stretching flow counted (full repetitions)")
                    .endObject();
            common(FROM_STRAP, true);
            json.name("valueInteger").value(session.summary().repetitionCount());
            end();
        }

        void waveforms() {
            if (!analysis.angles().hasCurvature() || analysis.angles().sampleCount() < 2) {
                return;
            }
            begin("angle-waveforms", null, "exam", "Exam");
            json.name("code").beginObject().member("text", "Spinal angle waveforms: flexion, side bend and twist, T4 relative to S1")
                    .endObject();
            common(FROM_HOST + String.format(Locale.ROOT, ", resampled to %.0f Hz", WAVEFORM_RATE_HZ), true);
            json.name("component").beginArray();
            waveform("Flexion (+ forward, - extension), degrees", analysis.angles().flexionDegrees());
            waveform("Side bend (+ right), degrees", analysis.angles().sideBendDegrees());
            waveform("Twist (+ right), degrees", analysis.angles().twistDegrees());
            json.endArray();
            end();
        }

        private void waveform(String text, double[] degrees) {
            double[] time = analysis.angles().timeSeconds();
            json.beginObject().name("code").beginObject().member("text", text).endObject();
            json.name("valueSampledData").beginObject();
            json.name("origin").beginObject().name("value").value(0L).member("unit", "degrees").member("system", UCUM)
                    .member("code", "deg").endObject();
            json.name("period").value(1000 / WAVEFORM_RATE_HZ);
            json.name("factor").value(WAVEFORM_RESOLUTION_DEGREES);
            json.name("dimensions").value(1L);
            StringBuilder data = new StringBuilder();
            int index = 0;
            for (double at = time[0]; at <= time[time.length - 1]; at += 1 / WAVEFORM_RATE_HZ) {
                while (index + 1 < time.length && time[index + 1] <= at) {
                    index++;
                }
                double value = degrees[index];
                data.append(data.isEmpty() ? "" : " ")
                        .append(Double.isFinite(value) ? Long.toString(Math.round(value / WAVEFORM_RESOLUTION_DEGREES)) : "E");
            }
            json.member("data", data.toString());
            json.endObject().endObject();
        }

        private void begin(String kind, String profile, String category, String categoryDisplay) {
            String id = uuid(kind, session.deviceId() + "/" + session.sessionId());
            entry(json, id);
            json.member("resourceType", "Observation");
            json.member("id", id);
            if (profile != null) {
                json.name("meta").beginObject().name("profile").beginArray().value(profile).endArray().endObject();
            }
            json.name("identifier").beginArray().beginObject().member("system", URI_IDENTIFIER)
                    .member("value", "urn:backbeat:session:" + session.deviceId() + ":" + session.sessionId() + ":" + kind)
                    .endObject().endArray();
            json.member("status", "final");
            json.name("category").beginArray().beginObject().name("coding").beginArray().beginObject()
                    .member("system", CATEGORY).member("code", category).member("display", categoryDisplay)
                    .endObject().endArray().member("text", categoryDisplay).endObject().endArray();
        }

        private void code(String system, String code, String display) {
            json.name("code").beginObject().name("coding").beginArray().beginObject()
                    .member("system", system).member("code", code).member("display", display)
                    .endObject().endArray().member("text", display).endObject();
        }

        /**
         * Subject, effective time, device and method: the same for every Observation of the session.
         *
         * @param period the session as effectivePeriod; false: its start as effectiveDateTime (the
         *     vital-signs profile's invariant vs-1 is written for a dateTime, and R4 validators fail
         *     it on a Period)
         */
        private void common(String method, boolean period) {
            json.name("subject").beginObject().name("identifier").beginObject().member("system", URI_IDENTIFIER)
                    .member("value", "urn:backbeat:wearer:" + subject).endObject()
                    .member("display", "pseudonymous wearer " + subject).endObject();
            Instant end = session.startedAt().plusMillis(Math.round(session.summary().durationSeconds() * 1000));
            if (period) {
                json.name("effectivePeriod").beginObject().member("start", session.startedAt().truncatedTo(ChronoUnit.MILLIS).toString())
                        .member("end", end.truncatedTo(ChronoUnit.MILLIS).toString()).endObject();
            } else {
                json.member("effectiveDateTime", session.startedAt().truncatedTo(ChronoUnit.MILLIS).toString());
            }
            json.name("method").beginObject().member("text", method).endObject();
            json.name("device").beginObject().member("reference", "urn:uuid:" + deviceUuid).endObject();
        }

        private void quantity(String name, double value, String unit, String code, String display) {
            json.name(name).beginObject().name("value").value(value).member("unit", unit.equals(display) ? unit : display)
                    .member("system", UCUM).member("code", code).endObject();
        }

        private void dataAbsent(String text) {
            json.name("dataAbsentReason").beginObject().name("coding").beginArray().beginObject()
                    .member("system", "http://terminology.hl7.org/CodeSystem/data-absent-reason").member("code", "not-performed")
                    .member("display", "Not Performed").endObject().endArray().member("text", text).endObject();
        }

        private void end() {
            json.endObject().endObject();
        }
    }

    private static void entry(JsonWriter json, String uuid) {
        json.beginObject().member("fullUrl", "urn:uuid:" + uuid).name("resource").beginObject();
    }

    /** A name-based (version 3) UUID of {@code kind} and {@code key}: the same session gives the same ids. */
    static String uuid(String kind, String key) {
        return UUID.nameUUIDFromBytes((kind + "\n" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
