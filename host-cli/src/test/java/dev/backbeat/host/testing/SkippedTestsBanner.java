// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.testing;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says loudly, at the end of a test run, which tests were skipped and why, grouped by reason: a
 * machine without Mosquitto skips the broker fault, TLS and crash tests (their reason says how to
 * install it), and a skip must not pass unseen among a thousand lines of Maven output. Registered
 * for every run of this module's tests through {@code META-INF/services}.
 */
public final class SkippedTestsBanner implements TestExecutionListener {

    private final PrintStream out;
    private final Map<String, List<String>> skippedByReason = new LinkedHashMap<>();

    /** The banner on standard error, as surefire and failsafe show it. */
    public SkippedTestsBanner() {
        this(System.err);
    }

    public SkippedTestsBanner(PrintStream out) {
        this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        skippedByReason.clear();
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        skippedByReason.computeIfAbsent(reason, ignored -> new ArrayList<>()).add(name(test));
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            String reason = result.getThrowable().map(Throwable::getMessage).orElse("aborted");
            reason = reason.replaceFirst("^Assumption failed: ", "");
            skippedByReason.computeIfAbsent(reason, ignored -> new ArrayList<>()).add(name(test));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (skippedByReason.isEmpty()) {
            return;
        }
        String rule = "=".repeat(78);
        StringBuilder banner = new StringBuilder("\n").append(rule).append('\n');
        banner.append(String.format("SKIPPED: these tests did not run, and they did not pass%n"));
        skippedByReason.forEach((reason, tests) -> {
            banner.append(String.format("  %d because %s:%n", tests.size(), reason));
            for (String test : tests) {
                banner.append("    ").append(test).append('\n');
            }
        });
        banner.append(rule).append('\n');
        out.print(banner);
        out.flush();
    }

    private static String name(TestIdentifier test) {
        String uniqueId = test.getUniqueId();
        String className = uniqueId.replaceFirst(".*\\[class:([^\\]]+)\\].*", "$1");
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        return test.isContainer() ? simpleName + " (every test in it)" : simpleName + "." + test.getDisplayName();
    }
}
