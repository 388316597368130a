// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.imu;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.hardware.bus.RegisterBus;
import dev.backbeat.hardware.time.SessionClock;
import dev.backbeat.hardware.time.Sleeper;

/** The IMU parts the strap supports, their identity and addresses, and how to drive each. */
public enum ImuChip {

    /** InvenSense MPU-6050 (GY-521 boards): upper at 0x68, lower at 0x69 (AD0 high). */
    MPU_6050(Mpu6050.CHIP_NAME, Mpu6050.Registers.WHO_AM_I, Mpu6050.WHO_AM_I_VALUE,
            Mpu6050.ADDRESS_AD0_LOW, Mpu6050.ADDRESS_AD0_HIGH),
    /** ST LSM6DSOX (e.g. Adafruit 4438 boards): upper at 0x6A, lower at 0x6B (SA0 high). */
    LSM6DSOX(Lsm6dsox.CHIP_NAME, Lsm6dsox.Registers.WHO_AM_I, Lsm6dsox.WHO_AM_I_VALUE,
            Lsm6dsox.ADDRESS_SA0_LOW, Lsm6dsox.ADDRESS_SA0_HIGH);

    private final String chipName;
    private final int whoAmIRegister;
    private final int whoAmIValue;
    private final int primaryAddress;
    private final int alternateAddress;

    ImuChip(String chipName, int whoAmIRegister, int whoAmIValue, int primaryAddress, int alternateAddress) {
        this.chipName = chipName;
        this.whoAmIRegister = whoAmIRegister;
        this.whoAmIValue = whoAmIValue;
        this.primaryAddress = primaryAddress;
        this.alternateAddress = alternateAddress;
    }

    public String chipName() {
        return chipName;
    }

    public int whoAmIRegister() {
        return whoAmIRegister;
    }

    public int whoAmIValue() {
        return whoAmIValue;
    }

    /** The address jumper's low position. */
    public int primaryAddress() {
        return primaryAddress;
    }

    /** The address jumper's high position (AD0/SA0 pulled to 3.3 V). */
    public int alternateAddress() {
        return alternateAddress;
    }

    /** Where the strap puts each sensor by default: upper at the primary address, lower at the alternate. */
    public int defaultAddress(SensorPosition sensor) {
        return sensor == SensorPosition.UPPER ? primaryAddress : alternateAddress;
    }

    /** The output data rate a driver of this chip configures for {@code settings}, Hz. */
    public double outputDataRateHz(ImuSettings settings) {
        return switch (this) {
            case MPU_6050 -> Mpu6050.Configuration.forSettings(settings).outputDataRateHz();
            case LSM6DSOX -> Lsm6dsox.Configuration.forSettings(settings).outputDataRateHz();
        };
    }

    /** A driver for this chip on {@code bus} (not yet started). */
    public ImuDriver driver(RegisterBus bus, ImuSettings settings, SessionClock clock, Sleeper sleeper) {
        return switch (this) {
            case MPU_6050 -> new Mpu6050(bus, settings, clock, sleeper);
            case LSM6DSOX -> new Lsm6dsox(bus, settings, clock, sleeper);
        };
    }
}
