// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.faults;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.host.broker.EmbeddedBroker;
import dev.backbeat.host.cli.BackbeatMain;
import dev.backbeat.host.control.DeviceCommander;
import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.control.ControlCodec;
import dev.backbeat.mqtt.control.ControlDecodeResult;
import dev.backbeat.mqtt.control.DeviceCommand;
import dev.backbeat.mqtt.control.DeviceHealth;
import dev.backbeat.mqtt.paho.PahoHostLink;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backbeat live} against a real broker and {@code backbeat-device serve} as a real process
 * on the simulated strap: while the strap records, the lines show its angles and a rising count;
 * idle before the start; and "GONE" once the strap process is killed (SIGKILL) and the broker
 * publishes its last will.
 */
class LiveIT {

    private static final String STRAP = "strap-l";
    private static final Pattern RECORDING = Pattern.compile(
            "strap-l [0-9.]+ s  flexion -?[0-9.]+°  side bend -?[0-9.]+°  twist -?[0-9.]+°  pacer (inhale|exhale)  "
                    + "repetitions ([0-9]+)  alerts .*");

    @TempDir
    Path directory;

    @Test
    void live_strapRecordingThenKilled_printsAnglesAndTheCountThenGone() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(directory.resolve("broker"), EmbeddedBroker.freeLoopbackPort(),
                EmbeddedBroker.Persistence.IN_MEMORY);
             MqttLink host = PahoHostLink.connect(BrokerEndpoint.plain(broker.uri(), "backbeat-host-live-it"),
                     List.of(SyncTopics.health(STRAP)), SyncTopics.command(STRAP), "")) {
            Path log = directory.resolve("serve.log");
            Process serving = DeviceProcess.start(log, "serve", "--device-id", STRAP, "--time-scale", "4",
                    "--data-dir", directory.resolve("strap").toString(), "--broker", broker.uri());
            StringWriter output = new StringWriter();
            StringWriter errors = new StringWriter();
            int[] exit = {-1};
            Thread live = Thread.ofPlatform().name("backbeat-live").start(() -> exit[0] = BackbeatMain.commandLine()
                    .setOut(new PrintWriter(output, true)).setErr(new PrintWriter(errors, true))
                    .execute("live", "--device", STRAP, "--broker", broker.uri(), "--gone-after", "3", "--seconds", "120"));
            try {
                awaitHealth(host, health -> health.state() == DeviceHealth.State.IDLE, log);
                awaitOutput(output, text -> text.contains("strap strap-l idle: not recording"), "idle", log);
                assertInstanceOf(DeviceCommander.Outcome.Answered.class, DeviceCommander.issue(host, STRAP,
                        DeviceCommand.Action.START, Optional.empty(), Duration.ofSeconds(15), Clock.systemUTC()));

                // angles and a count that rises past 2 (cat-cow cycles of about 10 s at 4× speed)
                awaitOutput(output, text -> maxRepetitions(text) >= 2, "angles and 2 repetitions", log);

                serving.destroyForcibly(); // SIGKILL: the broker publishes the last will
                assertTrue(serving.waitFor(10, TimeUnit.SECONDS));
                awaitOutput(output, text -> text.contains("strap strap-l GONE: its connection died (last will)"), "gone",
                        log);
            } finally {
                serving.destroyForcibly();
                live.interrupt();
                live.join(10_000);
            }
            assertTrue(exit[0] == 0, "exit " + exit[0] + ", errors: " + errors);
        }
    }

    private static int maxRepetitions(String text) {
        int most = -1;
        for (String line : text.split("\n")) {
            Matcher matcher = RECORDING.matcher(line.strip());
            if (matcher.matches()) {
                most = Math.max(most, Integer.parseInt(matcher.group(2)));
            }
        }
        return most;
    }

    private static void awaitOutput(StringWriter output, Predicate<String> wanted, String what, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (wanted.test(output.toString())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("backbeat live did not show " + what + " within 60 s; it wrote:\n" + output
                + "\nstrap log:\n" + Files.readString(log));
    }

    private static void awaitHealth(MqttLink host, Predicate<DeviceHealth> wanted, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Optional<MqttLink.InboundMessage> message = host.poll(Duration.ofMillis(200));
            if (message.isPresent() && message.get().payload().length > 0
                    && ControlCodec.decode(message.get().payload()) instanceof ControlDecodeResult.Health(DeviceHealth health)
                    && wanted.test(health)) {
                return;
            }
        }
        throw new AssertionError("no such health within 60 s; strap log:\n" + Files.readString(log));
    }
}
