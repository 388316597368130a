// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.diagnostics;

import java.util.Objects;

/**
 * The result of one start-up check: one line a person can act on.
 *
 * @param status whether the check passed
 * @param check short name of what was checked, e.g. {@code i2c}, {@code imu-upper}, {@code pwm}
 * @param observation what was found, e.g. "/dev/i2c-1 is missing: I2C is not enabled"
 * @param remedy what to do about it; empty when the check passed
 */
public record Finding(Status status, String check, String observation, String remedy) {

    /** Pass or fail. */
    public enum Status { OK, FAIL }

    public Finding {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(remedy, "remedy");
    }

    static Finding ok(String check, String observation) {
        return new Finding(Status.OK, check, observation, "");
    }

    static Finding fail(String check, String observation, String remedy) {
        return new Finding(Status.FAIL, check, observation, remedy);
    }

    public boolean passed() {
        return status == Status.OK;
    }

    /** One line: {@code FAIL i2c: /dev/i2c-1 is missing: I2C is not enabled. Fix: ...}. */
    public String line() {
        return status + " " + check + ": " + observation + (remedy.isEmpty() ? "" : ". Fix: " + remedy);
    }
}
