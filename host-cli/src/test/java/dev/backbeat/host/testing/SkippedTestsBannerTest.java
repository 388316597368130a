// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/** Issue 16: {@code ./build verify} on a machine without Mosquitto says loudly what it skipped and how to install it. */
class SkippedTestsBannerTest {

    @Test
    void run_withoutMosquitto_namesEverySkippedTestAndHowToInstallIt() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        String before = System.getProperty("backbeat.mosquitto");
        System.setProperty("backbeat.mosquitto", "/nonexistent/mosquitto");
        try {
            LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build()).execute(LauncherDiscoveryRequestBuilder.request()
                            .selectors(selectClass(MosquittoMissingFixture.class)).build(),
                    new SkippedTestsBanner(new PrintStream(printed, true, StandardCharsets.UTF_8)), summary);
        } finally {
            if (before == null) {
                System.clearProperty("backbeat.mosquitto");
            } else {
                System.setProperty("backbeat.mosquitto", before);
            }
        }
        String banner = printed.toString(StandardCharsets.UTF_8);
        assertEquals(2, summary.getSummary().getTestsAbortedCount(), banner);
        assertTrue(banner.contains("SKIPPED: these tests did not run, and they did not pass"), banner);
        assertTrue(banner.contains("  2 because mosquitto is not installed (apt-get install mosquitto"), banner);
        assertTrue(banner.contains("    MosquittoMissingFixture.brokerKilled_sessionsSurvive()\n"), banner);
        assertTrue(banner.contains("    MosquittoMissingFixture.brokerRestarted_sessionsSurvive()\n"), banner);
        assertTrue(!banner.contains("withoutBroker_passes"), banner);
    }

    @Test
    void serviceFile_registersTheBannerForEveryTestRun() {
        assertTrue(ServiceLoader.load(TestExecutionListener.class).stream()
                .anyMatch(provider -> provider.type() == SkippedTestsBanner.class));
    }
}
