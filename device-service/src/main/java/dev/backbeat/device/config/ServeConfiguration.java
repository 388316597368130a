// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.config;

import java.util.List;

/**
 * How {@code backbeat-device serve} is started and stopped and how it reports; keys of the device
 * configuration file (defaults in brackets; see the README's configuration table).
 *
 * @param buttonGpio the push button's GPIO, BCM numbering ({@code button.gpio}, 0..27) [17, pin 11]
 * @param buttonSysfsBase what the kernel adds to BCM numbers in {@code /sys/class/gpio}
 *     ({@code button.sysfs_base}; 512 on Raspberry Pi OS kernels 6.6 and newer, 0 before) [512]
 * @param debounceMillis the button's level must hold this long to count, ms ({@code button.debounce_ms},
 *     5..200; raising it ignores longer bounces but makes quick presses feel late) [30]
 * @param longPressMillis a press held this long selects the next routine instead of starting or
 *     stopping, ms ({@code button.long_press_ms}, 500..10000) [1500]
 * @param healthIntervalSeconds the health is published on every change and at least this often, s
 *     ({@code health.interval_s}, 5..3600; it refreshes uptime, free disk and outbox bytes) [30]
 * @param routines the routines the long press cycles through, in order ({@code routine.names},
 *     comma-separated built-in names) [every built-in routine, cat-cow first]
 */
public record ServeConfiguration(int buttonGpio, int buttonSysfsBase, int debounceMillis, int longPressMillis,
                                 int healthIntervalSeconds, List<String> routines) {

    /** The guided cat-cow flow, the routine a strap runs unless configured. */
    public static final String CAT_COW = "cat-cow";
    /** Routine names the long press may select: the built-in routines. */
    public static final List<String> KNOWN_ROUTINES = dev.backbeat.core.routine.BuiltInRoutines.NAMES;

    /** The long press's default cycle: cat-cow, then the other built-in routines in their listed order. */
    static final List<String> DEFAULT_ROUTINES = java.util.stream.Stream.concat(java.util.stream.Stream.of(CAT_COW),
            KNOWN_ROUTINES.stream().filter(name -> !name.equals(CAT_COW))).toList();

    public static final ServeConfiguration DEFAULTS = new ServeConfiguration(17, 512, 30, 1500, 30, DEFAULT_ROUTINES);

    public ServeConfiguration {
        routines = List.copyOf(routines);
        if (routines.isEmpty()) {
            throw new IllegalArgumentException("at least one routine is needed");
        }
    }
}
