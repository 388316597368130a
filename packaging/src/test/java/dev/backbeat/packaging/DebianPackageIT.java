// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package as a maker installs it, on this machine: lintian finds no error or warning,
 * {@code dpkg -i} puts the files in place, makes the user {@code backbeat} in {@code i2c} and
 * {@code gpio} and enables the unit without starting it (no systemd runs here), {@code systemd-analyze
 * verify} accepts the unit, the installed command runs a simulated session as {@code backbeat} with
 * /etc/backbeat/device.conf into /var/lib/backbeat-device, {@code dpkg -r} keeps the configuration and
 * the sessions, {@code dpkg -P} deletes both. Afterwards the machine is as before: what the test made
 * (the package, the Java stand-in below, the user and groups the package created) is removed.
 *
 * <p>Needs root and dpkg (skipped otherwise, with the reason printed), lintian and systemd-analyze
 * (.ci/run installs lintian), and a Java 21+ under /usr/lib/jvm. Where no Debian package provides
 * {@code java21-runtime-headless} (Debian 12 has no OpenJDK 21 or 25; this machine's JDK 25 is not a
 * Debian package), the test installs a test-only stand-in package that provides it, so that dpkg
 * accepts the dependency that the JDK really there meets; the launcher then has to find that JDK.
 */
class DebianPackageIT {

    private static final String PACKAGE = "backbeat-device";
    /** The test-only package standing in for a JDK that is on the machine but not a Debian package. */
    private static final String JAVA_STAND_IN = "backbeat-test-java21-runtime-stand-in";
    private static final Path DATA_DIRECTORY = Path.of("/var/lib/backbeat-device");
    private static final Path CONFIGURATION = Path.of("/etc/backbeat/device.conf");
    private static final Path UNIT = Path.of("/usr/lib/systemd/system/backbeat-device.service");
    private static final Path ENABLED_LINK = Path.of("/etc/systemd/system/multi-user.target.wants/backbeat-device.service");
    private static final Path MASK_LINK = Path.of("/etc/systemd/system/backbeat-device.service");
    private static final long COMMAND_TIMEOUT_SECONDS = 300;

    /** Users and groups that existed before: only the others are deleted afterwards. */
    private static boolean userExisted;
    private static boolean i2cGroupExisted;
    private static boolean gpioGroupExisted;
    private static boolean etcBackbeatExisted;
    private static boolean standInInstalled;
    /** Set once the machine was found fit and its state noted: only then does the clean-up run. */
    private static boolean prepared;

    @TempDir
    static Path work;

    /** A command's exit code and its output (stdout and stderr together). */
    private record Result(int exitCode, String output) {
        Result expectSuccess(String what) {
            assertEquals(0, exitCode, what + " failed:\n" + output);
            return this;
        }
    }

    @BeforeAll
    static void requireRootAndDpkg() throws Exception {
        String reason = null;
        if (!"0".equals(run(List.of("id", "-u")).output().strip())) {
            reason = "not root (dpkg -i and a system user need root)";
        } else if (!onPath("dpkg")) {
            reason = "dpkg is missing (not a Debian-like system)";
        }
        if (reason != null) {
            System.out.println("DebianPackageIT skipped: " + reason);
            Assumptions.abort(reason);
        }
        for (String tool : List.of("lintian", "systemd-analyze", "runuser", "dpkg-deb")) {
            assertTrue(onPath(tool), tool + " is missing: apt-get install -y "
                    + (tool.equals("lintian") ? "lintian" : tool.equals("systemd-analyze") ? "systemd" : tool.equals("runuser") ? "util-linux" : "dpkg")
                    + " (.ci/run installs lintian)");
        }
        Result installed = run(List.of("dpkg-query", "-W", "-f=${db:Status-Status}", PACKAGE));
        if (installed.exitCode() == 0 && !installed.output().isBlank() && !installed.output().strip().equals("not-installed")) {
            fail(PACKAGE + " is already on this machine (" + installed.output().strip() + "); the test installs and purges it: "
                    + "remove it first with dpkg -P " + PACKAGE);
        }
        userExisted = run(List.of("getent", "passwd", "backbeat")).exitCode() == 0;
        i2cGroupExisted = run(List.of("getent", "group", "i2c")).exitCode() == 0;
        gpioGroupExisted = run(List.of("getent", "group", "gpio")).exitCode() == 0;
        etcBackbeatExisted = Files.exists(Path.of("/etc/backbeat"));
        prepared = true;
    }

    @AfterAll
    static void leaveTheMachineAsItWas() throws Exception {
        if (!prepared) {
            return;
        }
        run(List.of("dpkg", "-P", PACKAGE));
        if (standInInstalled) {
            run(List.of("dpkg", "-P", JAVA_STAND_IN));
        }
        if (!userExisted) {
            run(List.of("userdel", "backbeat"));
            run(List.of("groupdel", "backbeat"));
        }
        if (!i2cGroupExisted) {
            run(List.of("groupdel", "i2c"));
        }
        if (!gpioGroupExisted) {
            run(List.of("groupdel", "gpio"));
        }
    }

    @Test
    void debianPackage_installedRunRemovedAndPurged_behavesAsDocumented() throws Exception {
        Path deb = theBuiltPackage();

        Result lintian = run(List.of("lintian", "--fail-on", "error,warning", deb.toString()));
        assertEquals(0, lintian.exitCode(), "lintian reports errors or warnings:\n" + lintian.output());
        assertFalse(lintian.output().lines().anyMatch(line -> line.startsWith("E: ") || line.startsWith("W: ")),
                lintian.output());

        provideJavaRuntimeDependency();
        Result install = run(List.of("dpkg", "-i", deb.toString())).expectSuccess("dpkg -i " + deb);
        assertFalse(install.output().contains("warning"), install.output());

        checkInstalledFiles();
        checkUserAndGroups();
        checkUnit();
        runsASimulatedSessionAsTheServiceUser();

        run(List.of("dpkg", "-r", PACKAGE)).expectSuccess("dpkg -r");
        assertEquals("config-files", run(List.of("dpkg-query", "-W", "-f=${db:Status-Status}", PACKAGE)).output().strip());
        assertFalse(Files.exists(Path.of("/usr/bin/backbeat-device")), "the command is removed");
        assertFalse(Files.exists(Path.of("/usr/share/backbeat-device")), "the jars are removed");
        assertFalse(Files.exists(UNIT), "the unit is removed");
        assertTrue(Files.readString(CONFIGURATION).contains("imu.chip = lsm6dsox"), "remove keeps the edited configuration");
        assertTrue(Files.isRegularFile(DATA_DIRECTORY.resolve("outbox.db")), "remove keeps the recorded sessions");
        assertEquals(Path.of("/dev/null"), Files.readSymbolicLink(MASK_LINK), "the removed unit is masked, as debhelper does");
        assertEquals(0, run(List.of("getent", "passwd", "backbeat")).exitCode(), "remove keeps the user");

        run(List.of("dpkg", "-P", PACKAGE)).expectSuccess("dpkg -P");
        assertTrue(run(List.of("dpkg-query", "-W", PACKAGE)).exitCode() != 0, "purged packages are forgotten by dpkg");
        assertFalse(Files.exists(CONFIGURATION), "purge deletes the configuration");
        assertEquals(etcBackbeatExisted, Files.exists(Path.of("/etc/backbeat")), "/etc/backbeat as it was before");
        assertFalse(Files.exists(DATA_DIRECTORY), "purge deletes the data directory with its sessions");
        assertFalse(Files.exists(MASK_LINK, LinkOption.NOFOLLOW_LINKS), "purge unmasks the unit");
        assertFalse(Files.exists(ENABLED_LINK, LinkOption.NOFOLLOW_LINKS), "purge drops the unit's enable link");
        assertEquals(0, run(List.of("getent", "passwd", "backbeat")).exitCode(),
                "purge keeps the system user (Debian practice); the test deletes it afterwards");
    }

    /** The .deb the package phase made, named backbeat-device_VERSION_all.deb. */
    private static Path theBuiltPackage() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> debs = files.filter(file -> file.getFileName().toString().matches("backbeat-device_[^_]+_all\\.deb"))
                    .toList();
            assertEquals(1, debs.size(), "one backbeat-device_VERSION_all.deb in target/ (made by the package phase): " + debs);
            return debs.get(0).toAbsolutePath();
        }
    }

    /**
     * Installs the test-only stand-in for {@code java21-runtime-headless} when no installed Debian
     * package provides it, after checking that a Java 21+ is under /usr/lib/jvm for it to stand for.
     */
    private static void provideJavaRuntimeDependency() throws Exception {
        Result packages = run(List.of("dpkg-query", "-W", "-f=${db:Status-Status} ${Package} ${Provides}\\n"));
        boolean provided = packages.output().lines().filter(line -> line.startsWith("installed "))
                .anyMatch(line -> line.matches("installed (openjdk-21-jre-headless|openjdk-25-jre-headless)\\b.*")
                        || line.matches(".*\\bjava21-runtime-headless\\b.*"));
        if (provided) {
            return;
        }
        Path jdk = javaUnderUsrLibJvm();
        Path root = work.resolve("stand-in");
        Files.createDirectories(root.resolve("DEBIAN"));
        Files.writeString(root.resolve("DEBIAN/control"), String.join("\n",
                "Package: " + JAVA_STAND_IN,
                "Version: 1",
                "Architecture: all",
                "Provides: java21-runtime-headless",
                "Maintainer: Backbeat maintainers <maintainers@users.noreply.r-seed-0e5f0492.example>",
                "Description: test only: the Java runtime at " + jdk + ", which is not a Debian package",
                " Installed by DebianPackageIT so that dpkg accepts backbeat-device's dependency; purged afterwards.",
                ""));
        Path standIn = work.resolve(JAVA_STAND_IN + ".deb");
        run(List.of("dpkg-deb", "--build", "--root-owner-group", root.toString(), standIn.toString()))
                .expectSuccess("dpkg-deb --build (the Java stand-in)");
        standInInstalled = true;
        run(List.of("dpkg", "-i", standIn.toString())).expectSuccess("dpkg -i the Java stand-in");
        System.out.println("DebianPackageIT: no Debian package provides java21-runtime-headless here; a test-only stand-in "
                + "package stands for " + jdk);
    }

    /** The Java 21+ runtime directory under /usr/lib/jvm (by its release file), or the test fails. */
    private static Path javaUnderUsrLibJvm() throws IOException {
        try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
            for (Path home : homes.sorted().toList()) {
                Path release = home.resolve("release");
                if (Files.isSymbolicLink(home) || !Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
                    continue;
                }
                for (String line : Files.readAllLines(release)) {
                    if (line.startsWith("JAVA_VERSION=\"")) {
                        int feature = Integer.parseInt(line.substring("JAVA_VERSION=\"".length()).split("[.\"]")[0]);
                        if (feature >= 21) {
                            return home;
                        }
                    }
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // reported below
        }
        return fail("no Java 21+ under /usr/lib/jvm for the package's launcher to find, and no Debian package provides "
                + "java21-runtime-headless");
    }

    private static void checkInstalledFiles() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/backbeat-device")), "/usr/bin/backbeat-device");
        assertTrue(Files.readString(Path.of("/usr/bin/backbeat-device")).startsWith("#!/bin/sh\n"), "a POSIX sh launcher");
        assertTrue(Files.isRegularFile(Path.of("/usr/share/backbeat-device/backbeat-device.jar")));
        List<String> shippedLibraries;
        try (Stream<Path> files = Files.list(Path.of("target/deb/share/lib"))) {
            shippedLibraries = files.map(file -> file.getFileName().toString()).sorted().toList();
        }
        List<String> installedLibraries;
        try (Stream<Path> files = Files.list(Path.of("/usr/share/backbeat-device/lib"))) {
            installedLibraries = files.map(file -> file.getFileName().toString()).sorted().toList();
        }
        assertEquals(shippedLibraries, installedLibraries);
        assertTrue(installedLibraries.stream().anyMatch(name -> name.startsWith("pi4j-core-")), installedLibraries.toString());
        for (String library : installedLibraries) {
            // a signed jar costs the service the JDK's jar verification (Paho's is shipped without its signature)
            try (JarFile jar = new JarFile("/usr/share/backbeat-device/lib/" + library, false)) {
                assertEquals(List.of(), jar.stream().map(JarEntry::getName)
                        .filter(name -> name.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)")).toList(), library + " is signed");
            }
        }
        assertEquals(Files.readString(Path.of("../device/src/main/jvm/jvm.options")),
                Files.readString(Path.of("/usr/share/backbeat-device/jvm.options")), "the dev launcher's JVM options");
        assertEquals(Files.readString(Path.of("src/deb/device.conf")), Files.readString(CONFIGURATION));
        assertTrue(Files.isRegularFile(Path.of("/usr/share/doc/backbeat-device/copyright")));
        assertTrue(Files.isRegularFile(Path.of("/usr/share/doc/backbeat-device/changelog.gz")));
        assertTrue(Files.isRegularFile(Path.of("/usr/share/man/man1/backbeat-device.1.gz")));
        assertTrue(run(List.of("dpkg-query", "-W", "-f=${Conffiles}", PACKAGE)).output().contains(CONFIGURATION.toString()),
                CONFIGURATION + " is a conffile");
    }

    private static void checkUserAndGroups() throws Exception {
        String passwd = run(List.of("getent", "passwd", "backbeat")).expectSuccess("getent passwd backbeat").output().strip();
        String[] fields = passwd.split(":");
        assertTrue(Integer.parseInt(fields[2]) < 1000, "a system user: " + passwd);
        assertEquals(DATA_DIRECTORY.toString(), fields[5], passwd);
        assertEquals("/usr/sbin/nologin", fields[6], passwd);
        List<String> groups = Arrays.asList(run(List.of("id", "-nG", "backbeat")).output().strip().split("\\s+"));
        assertTrue(groups.containsAll(List.of("i2c", "gpio")), groups.toString());
        assertEquals("backbeat", Files.getOwner(DATA_DIRECTORY).getName());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(DATA_DIRECTORY)));
    }

    private static void checkUnit() throws Exception {
        String unit = Files.readString(UNIT);
        for (String line : List.of("ExecStart=/usr/bin/backbeat-device serve", "User=backbeat", "Restart=on-failure",
                "ProtectSystem=strict", "ReadWritePaths=/var/lib/backbeat-device", "NoNewPrivileges=yes", "PrivateTmp=yes",
                "ProtectHome=yes", "SupplementaryGroups=i2c gpio", "DeviceAllow=char-i2c rw")) {
            assertTrue(unit.lines().anyMatch(line::equals), "the unit has " + line);
        }
        run(List.of("systemd-analyze", "verify", UNIT.toString())).expectSuccess("systemd-analyze verify " + UNIT);
        assertTrue(Files.isSymbolicLink(ENABLED_LINK), "enabled: " + ENABLED_LINK);
        assertTrue(Files.readSymbolicLink(ENABLED_LINK).toString().endsWith("/systemd/system/backbeat-device.service"));
    }

    /**
     * /usr/bin/backbeat-device as {@code backbeat}, without JAVA_HOME (the launcher finds the Java) and
     * with the packaged defaults: the configuration /etc/backbeat/device.conf (edited here to a
     * simulated LSM6DSOX strap) and the data directory /var/lib/backbeat-device.
     */
    private static void runsASimulatedSessionAsTheServiceUser() throws Exception {
        Files.writeString(CONFIGURATION, Files.readString(CONFIGURATION)
                + "\n# DebianPackageIT\nhardware = sim\nimu.chip = lsm6dsox\ndevice.id = strap-deb\n");
        Map<String, String> environment = Map.of("BACKBEAT_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        Result session = run(List.of("runuser", "-u", "backbeat", "--", "/usr/bin/backbeat-device", "--cycles", "1",
                "--time-scale", "0", "--no-publish"), environment).expectSuccess("backbeat-device as backbeat");
        assertTrue(session.output().contains("on the sim-lsm6dsox strap"), "the configuration was read:\n" + session.output());
        assertTrue(session.output().contains("not published (--no-publish): " + DATA_DIRECTORY.resolve("outbox.db")),
                session.output());
        assertTrue(session.output().contains("-XX:+UseSerialGC") && session.output().contains("-XX:MaxHeapSize=50331648"),
                "jvm.options were passed (SerialGC, 48 MB heap):\n" + session.output());
        assertEquals("backbeat", Files.getOwner(DATA_DIRECTORY.resolve("outbox.db")).getName());

        saysWhatToInstallWithoutJava();

        Result asRoot = run(List.of("/usr/bin/backbeat-device", "--cycles", "1", "--time-scale", "0", "--no-publish"));
        assertEquals(2, asRoot.exitCode(), asRoot.output());
        assertTrue(asRoot.output().contains("sudo -u backbeat backbeat-device"), asRoot.output());
    }

    /**
     * With /usr/lib/jvm hidden (an empty file system over it, in a mount namespace of its own; the
     * {@code java} on PATH lives there too) and no JAVA_HOME, the launcher names what to install.
     */
    private static void saysWhatToInstallWithoutJava() throws Exception {
        if (run(List.of("unshare", "-m", "true")).exitCode() != 0) {
            System.out.println("DebianPackageIT: no mount namespace here (unshare -m), so the launcher's message "
                    + "without any Java is not checked");
            return;
        }
        Result withoutJava = run(List.of("unshare", "-m", "sh", "-c",
                "mount -t tmpfs none /usr/lib/jvm && exec runuser -u backbeat -- /usr/bin/backbeat-device --version"));
        assertEquals(1, withoutJava.exitCode(), withoutJava.output());
        assertTrue(withoutJava.output().startsWith("backbeat-device: no Java 21 or newer found"), withoutJava.output());
        assertTrue(withoutJava.output().contains("sudo apt install openjdk-21-jre-headless"), withoutJava.output());
    }

    /** {@code path} with the system's sbin and bin directories it lacks appended. */
    static String systemPath(String path) {
        List<String> directories = new ArrayList<>(path == null || path.isEmpty() ? List.of() : List.of(path.split(":")));
        for (String directory : List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
            if (!directories.contains(directory)) {
                directories.add(directory);
            }
        }
        return String.join(":", directories);
    }

    /** A program name as the first directory of {@code path} that has it gives it (Java searches only its own PATH). */
    static String resolve(String program, String path) {
        if (program.contains("/")) {
            return program;
        }
        for (String directory : path.split(":")) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return program;
    }

    private static boolean onPath(String tool) throws Exception {
        return run(List.of("sh", "-c", "command -v " + tool)).exitCode() == 0;
    }

    private static Result run(List<String> command) throws Exception {
        return run(command, Map.of());
    }

    /** Runs {@code command} without JAVA_HOME and the Backbeat variables of the build's environment. */
    private static Result run(List<String> command, Map<String, String> environment) throws Exception {
        // root's tools (runuser, and what dpkg itself looks for: ldconfig, start-stop-daemon) live in the
        // sbin directories, which a build started with a user's PATH may not have
        String path = systemPath(System.getenv("PATH"));
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, resolve(resolved.get(0), path));
        ProcessBuilder builder = new ProcessBuilder(resolved).redirectErrorStream(true);
        for (String variable : List.of("JAVA_HOME", "BACKBEAT_DEVICE_HOME", "BACKBEAT_DEVICE_CONFIG", "BACKBEAT_JAVA_OPTS")) {
            builder.environment().remove(variable);
        }
        builder.environment().put("PATH", path);
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        builder.environment().putAll(environment);
        Path output = Files.createTempFile("debian-package-it", ".out");
        try {
            Process process = builder.redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + ": still running after " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
