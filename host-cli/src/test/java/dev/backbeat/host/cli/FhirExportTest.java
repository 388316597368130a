// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import dev.backbeat.core.rhythm.BreathWindow;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.hardware.sim.Routines;
import dev.backbeat.host.fhir.FhirBundle;
import dev.backbeat.host.fhir.WearerPseudonym;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 16: {@code backbeat export ID... --fhir OUT.json} (and {@code backbeat report --fhir}) of sessions the simulated strap recorded
 * (the ten-minute mixed routine, whose holds let the breathing rate be measured, and a short cat-cow
 * one, whose is not), validated fully offline by the HAPI FHIR validator as the issue pins it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirExportTest {

    @TempDir
    static Path directory;

    private final FhirContext context = FhirContext.forR4();
    private FhirValidator validator;
    private RecordedSession mixed;
    private RecordedSession catCow;
    private String bundleJson;
    private String reportBundleJson;

    @BeforeAll
    void exportTwoSimulatedSessions() throws Exception {
        Path store = directory.resolve("store");
        mixed = SimulatedStore.record(store, directory.resolve("device"), Routines.mixedTenMinutes(), 1);
        catCow = SimulatedStore.record(store, directory.resolve("device"), 2, 2);
        Path output = directory.resolve("sessions.fhir.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = BackbeatMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        assertEquals(ExitCodes.OK, commandLine.execute("export", mixed.sessionId(), catCow.sessionId(), "--fhir",
                output.toString(), "--store", store.toString()), err.toString());
        assertEquals("wrote " + output + " (FHIR R4 Bundle, 2 sessions)", out.toString().strip());
        bundleJson = Files.readString(output);

        // backbeat report --fhir over the same store: the selected sessions (here all) in one Bundle
        Path reportOutput = directory.resolve("report.fhir.json");
        StringWriter reportOut = new StringWriter();
        CommandLine report = BackbeatMain.commandLine();
        report.setOut(new PrintWriter(reportOut, true));
        report.setErr(new PrintWriter(err, true));
        assertEquals(ExitCodes.OK, report.execute("report", "--fhir", reportOutput.toString(), "--device", "strap-01",
                "--store", store.toString()), err.toString());
        assertEquals("FHIR R4 Bundle of 2 sessions written to " + reportOutput, reportOut.toString().strip());
        reportBundleJson = Files.readString(reportOutput);

        ValidationSupportChain support = new ValidationSupportChain(
                new DefaultProfileValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context),
                new InMemoryTerminologyServerValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context));
        validator = context.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(support));
    }

    private static List<SingleValidationMessage> errors(ValidationResult result) {
        return result.getMessages().stream().filter(message -> message.getSeverity() == ResultSeverityEnum.ERROR
                || message.getSeverity() == ResultSeverityEnum.FATAL).toList();
    }

    @Test
    void bundle_validatesOfflineWithoutErrorOrFatal() {
        ValidationResult result = validator.validateWithResult(bundleJson);
        assertEquals(List.of(), errors(result).stream().map(message -> message.getLocationString() + ": "
                + message.getMessage()).toList());
    }

    @Test
    void reportFhir_validatesOfflineWithoutErrorOrFatal_andHoldsWhatExportHolds() {
        ValidationResult result = validator.validateWithResult(reportBundleJson);
        assertEquals(List.of(), errors(result).stream().map(message -> message.getLocationString() + ": "
                + message.getMessage()).toList());
        Bundle exported = context.newJsonParser().parseResource(Bundle.class, bundleJson);
        Bundle reported = context.newJsonParser().parseResource(Bundle.class, reportBundleJson);
        assertEquals(exported.getEntry().size(), reported.getEntry().size());
        List<String> exportedCodes = observations(exported).stream().map(observation -> observation.getCode().getText()
                + " " + observation.getIdentifierFirstRep().getValue()).sorted().toList();
        List<String> reportedCodes = observations(reported).stream().map(observation -> observation.getCode().getText()
                + " " + observation.getIdentifierFirstRep().getValue()).sorted().toList();
        assertEquals(exportedCodes, reportedCodes);
        assertTrue(reported.getEntry().stream().anyMatch(entry -> entry.getResource() instanceof Observation observation
                && "9279-1".equals(observation.getCode().getCodingFirstRep().getCode())
                && "http://hl7.org/fhir/StructureDefinition/resprate".equals(observation.getMeta().getProfile().get(0).getValue())),
                "the respiratory rate in the vital-signs profile");
    }

    @Test
    void respiratoryRate_isLoinc9279PerMinuteInTheVitalSignsProfile_asTheStrapMeasuredIt() {
        Bundle bundle = context.newJsonParser().parseResource(Bundle.class, bundleJson);
        List<Observation> rates = observations(bundle).stream()
                .filter(observation -> "9279-1".equals(observation.getCode().getCodingFirstRep().getCode())).toList();
        assertEquals(2, rates.size(), "one per session");
        Observation measured = rates.get(0);
        assertEquals("http://loinc.org", measured.getCode().getCodingFirstRep().getSystem());
        assertEquals("http://hl7.org/fhir/StructureDefinition/resprate", measured.getMeta().getProfile().get(0).getValue());
        assertEquals("vital-signs", measured.getCategoryFirstRep().getCodingFirstRep().getCode());
        assertEquals("/min", measured.getValueQuantity().getCode());
        assertEquals("http://unitsofmeasure.org", measured.getValueQuantity().getSystem());
        List<BreathWindow> windows = mixed.breath();
        assertFalse(windows.isEmpty(), "the mixed routine's 30 s holds are quiet enough to measure breathing");
        double mean = windows.stream().mapToDouble(BreathWindow::rateBreathsPerMinute).average().orElseThrow();
        assertEquals(mean, measured.getValueQuantity().getValue().doubleValue(), 0.05);
        Observation absent = rates.get(1);
        assertFalse(absent.hasValue(), "the short cat-cow session has no quiet stretch");
        assertEquals("not-performed", absent.getDataAbsentReason().getCodingFirstRep().getCode());
    }

    @Test
    void bundle_holdsTheStrapAsADeviceWithTheAlgorithmVersion_andThePersonOnlyAsAPseudonym() {
        Bundle bundle = context.newJsonParser().parseResource(Bundle.class, bundleJson);
        List<Device> devices = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Device.class::isInstance).map(Device.class::cast).toList();
        assertEquals(1, devices.size(), "both sessions are of one strap: one Device");
        assertEquals("algorithm", devices.get(0).getVersionFirstRep().getType().getText());
        assertTrue(devices.get(0).getVersionFirstRep().getValue().startsWith("backbeat "));
        assertTrue(bundle.getEntry().stream().noneMatch(entry -> entry.getResource().fhirType().equals("Patient")));
        for (Observation observation : observations(bundle)) {
            assertFalse(observation.getSubject().hasReference(), "no Patient resource to point at");
            assertEquals("urn:backbeat:wearer:" + WearerPseudonym.ofStrap("strap-01"),
                    observation.getSubject().getIdentifier().getValue());
            assertTrue(observation.getDevice().getReference().startsWith("urn:uuid:"));
        }
    }

    @Test
    void bundle_rangesOfMotionPerAngle_repetitionsDurationAndWaveforms() {
        Bundle bundle = context.newJsonParser().parseResource(Bundle.class, bundleJson);
        List<Observation> first = observations(bundle).stream()
                .filter(observation -> observation.getIdentifierFirstRep().getValue().contains(mixed.sessionId())).toList();
        List<String> texts = first.stream().map(observation -> observation.getCode().getText()).toList();
        for (String angle : List.of("flexion", "side bend", "twist")) {
            Observation range = first.stream().filter(observation -> observation.getCode().getText()
                    .startsWith("Spinal " + angle + " range of motion")).findFirst().orElseThrow(() -> new AssertionError(texts));
            double rangeDegrees = range.getComponent().get(2).getValueQuantity().getValue().doubleValue();
            assertTrue(rangeDegrees > 10, angle + ": the mixed routine bends, extends, side-bends and twists: " + rangeDegrees);
            assertEquals("deg", range.getComponent().get(2).getValueQuantity().getCode());
        }
        Observation repetitions = first.stream().filter(observation -> observation.getCode().getText().startsWith("Repetitions"))
                .findFirst().orElseThrow();
        assertEquals(mixed.summary().repetitionCount(), repetitions.getValueIntegerType().getValue());
        Observation duration = first.stream().filter(observation -> "55411-3".equals(observation.getCode().getCodingFirstRep().getCode())).findFirst().orElseThrow();
        assertEquals(mixed.summary().durationSeconds() / 60, duration.getValueQuantity().getValue().doubleValue(), 0.01);
        Observation waveforms = first.stream().filter(observation -> observation.getCode().getText().startsWith("Spinal angle"))
                .findFirst().orElseThrow();
        assertEquals(3, waveforms.getComponent().size());
        var flexion = waveforms.getComponent().get(0).getValueSampledData();
        assertEquals(1000 / FhirBundle.WAVEFORM_RATE_HZ, flexion.getPeriod().doubleValue());
        int values = flexion.getData().split(" ").length;
        assertEquals(mixed.summary().durationSeconds() * FhirBundle.WAVEFORM_RATE_HZ, values, FhirBundle.WAVEFORM_RATE_HZ + 1);
    }

    @Test
    void validator_refusesARespiratoryRateInAnotherUnit_soAPassMeansTheProfileWasChecked() {
        String wrongUnit = bundleJson.replaceFirst("\"code\"\\s*:\\s*\"/min\"", "\"code\": \"/h\"");
        assertNotEquals(bundleJson, wrongUnit);
        assertFalse(errors(validator.validateWithResult(wrongUnit)).isEmpty(), "the resprate profile fixes /min");
    }

    private static List<Observation> observations(Bundle bundle) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Observation.class::isInstance).map(Observation.class::cast).toList();
    }
}
