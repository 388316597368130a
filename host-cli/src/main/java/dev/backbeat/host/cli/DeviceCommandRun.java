// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.host.control.DeviceCommander;
import dev.backbeat.host.control.HealthLine;
import dev.backbeat.mqtt.BrokerUnreachableException;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.TlsFiles;
import dev.backbeat.mqtt.control.ControlDecodeResult;
import dev.backbeat.mqtt.control.DeviceCommand;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What {@code backbeat start} and {@code backbeat stop} share: check, connect, issue, print. */
final class DeviceCommandRun {

    private DeviceCommandRun() {
    }

    static int run(String name, String deviceId, DeviceCommand.Action action, StrapConnection connection,
                   double timeoutSeconds, PrintWriter out, PrintWriter err) throws InterruptedException {
        if (!(timeoutSeconds > 0 && timeoutSeconds <= 600)) {
            err.println("backbeat " + name + ": --timeout must be more than 0 and at most 600 seconds, was " + timeoutSeconds);
            return ExitCodes.USAGE;
        }
        try {
            SyncTopics.requireId(deviceId);
        } catch (IllegalArgumentException invalid) {
            err.println("backbeat " + name + ": device " + invalid.getMessage());
            return ExitCodes.USAGE;
        }
        Optional<TlsFiles> tls;
        try {
            tls = connection.tls();
        } catch (IOException unusable) {
            err.println("backbeat " + name + ": --tls " + connection.tlsDirectory + ": " + unusable.getMessage());
            return ExitCodes.INPUT;
        }
        // the last will clears the retained command if this process dies before it does
        try (MqttLink link = connection.connect(tls, name, List.of(SyncTopics.health(deviceId)), SyncTopics.command(deviceId))) {
            DeviceCommander.Outcome outcome = DeviceCommander.issue(link, deviceId, action, connection.hostKey(tls),
                    Duration.ofMillis((long) (timeoutSeconds * 1000)), Clock.systemUTC());
            switch (outcome) {
                case DeviceCommander.Outcome.Answered answered -> {
                    out.println(deviceId + ": " + answered.outcome() + " (command " + answered.commandId() + ")");
                    return answered.carriedOut() ? ExitCodes.OK : ExitCodes.NOT_DONE;
                }
                case DeviceCommander.Outcome.NoAnswer none -> {
                    err.println("backbeat " + name + ": " + deviceId + " did not answer within " + timeoutSeconds
                            + " s; the command is withdrawn" + none.lastHealth().map(health -> "; its health: "
                                    + HealthLine.of(deviceId, new ControlDecodeResult.Health(health)))
                                    .orElse(" (it has published no health: is 'backbeat-device serve' running"
                                            + (tls.isEmpty() ? ", and is it paired? a paired strap needs --tls" : "") + "?)"));
                    return ExitCodes.NOT_DONE;
                }
            }
        } catch (BrokerUnreachableException unreachable) {
            err.println("backbeat " + name + ": " + unreachable.getMessage());
            return ExitCodes.BROKER;
        } catch (IOException failed) {
            err.println("backbeat " + name + ": " + failed.getMessage());
            return ExitCodes.BROKER;
        } catch (IllegalArgumentException invalid) {
            err.println("backbeat " + name + ": " + invalid.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
