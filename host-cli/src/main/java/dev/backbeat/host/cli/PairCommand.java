// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.host.pairing.ClinicBroker;
import dev.backbeat.host.pairing.HostAuthority;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backbeat pair}: the host's own CA issues a strap, the host or the broker its certificate. */
@Command(name = "pair", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Pairs a strap with this host without any password: the host's own small CA (created on first "
                    + "use) issues the strap a certificate whose common name is its device id. The broker takes "
                    + "that name as the user (use_identity_as_username) and its ACL keeps each strap to its own "
                    + "topics.",
            "Writes ca.crt, client.crt, client.key and the host's certificate host.crt (mode 600, "
                    + "directory 700) for 'backbeat-device --tls DIR': the strap then believes only "
                    + "acknowledgements the host signed, so pair the host first. --host writes the host's for "
                    + "'backbeat sync --tls DIR'; --broker NAME... the broker's server certificate (ca.crt, "
                    + "broker.crt, broker.key) for the names clients connect to."})
final class PairCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Target target;

    static final class Target {
        @Parameters(paramLabel = "DEVICE_ID", description = "The strap's device id (its --device-id).")
        String deviceId;

        @Option(names = "--host", description = "Issue the host's certificate (common name backbeat-host).")
        boolean host;

        @Option(names = "--broker", arity = "1..*", paramLabel = "NAME",
                description = "Issue the broker's certificate for these DNS names or IP addresses.")
        List<String> brokerNames;
    }

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write the files. Default: <CA directory>/issued/<name>.")
    private Path outDirectory;

    @Option(names = "--ca", paramLabel = "DIR",
            description = "The CA's directory. Default: $BACKBEAT_HOME/ca, else ~/.local/share/backbeat/ca.")
    private Path caDirectory;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = target.host ? HostAuthority.HOST_IDENTITY
                : target.brokerNames != null ? HostAuthority.BROKER_DIRECTORY : target.deviceId;
        try {
            if (target.deviceId != null) {
                HostAuthority.requireDeviceId(target.deviceId);
            }
            HostAuthority authority = HostAuthority.openOrCreate(caDirectory != null ? caDirectory
                    : StoreOption.defaultHome().resolve("ca"));
            Path directory = outDirectory != null ? outDirectory : authority.directory().resolve("issued").resolve(name);
            HostAuthority.Issued issued;
            if (target.host) {
                boolean pairedBefore = authority.hostPaired();
                issued = authority.pairHost(directory);
                out.println("issued the host's certificate into " + directory + "; use: backbeat sync --tls " + directory);
                if (pairedBefore) {
                    out.println("the host has a new key: straps paired before reject its acknowledgements until they are "
                            + "paired again (or get the new " + authority.directory().resolve("host.crt") + " as host.crt)");
                }
            } else if (target.brokerNames != null) {
                issued = authority.issueBroker(target.brokerNames, directory);
                HostAuthority.writePrivate(directory.resolve("acl"), ClinicBroker.ACL);
                HostAuthority.writePrivate(directory.resolve("mosquitto.conf"),
                        ClinicBroker.configuration(8883, directory, directory.resolve("acl")));
                out.println("issued the broker's certificate for " + String.join(", ", target.brokerNames) + " into "
                        + directory + "; use: backbeat broker --tls " + directory + " (or Mosquitto with the mosquitto.conf "
                        + "and acl written beside it: TLS 1.3 on port 8883; see README \"Clinic set-up\")");
            } else {
                issued = authority.pairDevice(target.deviceId, directory);
                out.println("paired strap " + target.deviceId + " (with the host's certificate host.crt): copy " + directory
                        + " to the strap (owner-only) and run backbeat-device --device-id " + target.deviceId
                        + " --tls DIR --broker ssl://BROKER:8883");
            }
            out.println("valid until " + issued.certificate().getNotAfter().toInstant()
                    + "; the CA's key stays in " + authority.directory());
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            err.println("backbeat pair: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("backbeat pair: " + e.getMessage());
            return ExitCodes.INPUT;
        }
    }
}
