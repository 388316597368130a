// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmConfig;
import com.pi4j.io.pwm.PwmType;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalInputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider;
import dev.backbeat.device.PiBoard;
import dev.backbeat.device.serve.GpioInput;
import dev.backbeat.hardware.bus.RegisterBus;
import dev.backbeat.hardware.haptic.PwmOutput;
import java.io.IOException;

/**
 * The strap's hardware through Pi4J 3.0.4 with only the linuxfs providers (I2C through
 * {@code /dev/i2c-N}, PWM through {@code /sys/class/pwm/pwmchipN}, the push button's GPIO through
 * {@code /sys/class/gpio}), no native library. The only
 * place in Backbeat that knows Pi4J. Use on a Pi:
 * <pre>{@code
 * try (Pi4jHardware pi = Pi4jHardware.open(0)) {
 *     StartupDiagnostics checks = new StartupDiagnostics(Path.of("/"), pi, DeviceAccess.FILE_PERMISSIONS);
 *     DriverStrap strap = DriverStrap.open(pi, 1, ImuChip.MPU_6050, ImuSettings.DEFAULTS,
 *             SessionClock.monotonicFromNow(), Sleeper.REAL);
 *     Drv2605l haptic = new Drv2605l(pi.open(1, Drv2605l.ADDRESS), Drv2605lSettings.ERM_COIN, Sleeper.REAL);
 *     // or: new CoinMotorActuator(pi.pwm(0, 20_000), CoinMotorActuator.Settings.DEFAULTS)
 * }
 * }</pre>
 */
public final class Pi4jHardware implements PiBoard {

    private final Context context;

    private Pi4jHardware(Context context) {
        this.context = context;
    }

    /**
     * A Pi4J context with the linuxfs I2C provider and the linuxfs PWM provider on
     * {@code /sys/class/pwm/pwmchip<pwmChip>} (0 on a Pi Zero 2 W, 4 and 5 with the pwm overlay).
     */
    public static Pi4jHardware open(int pwmChip) throws IOException {
        try {
            return new Pi4jHardware(Pi4J.newContextBuilder()
                    .noAutoDetectPlatforms()
                    .noAutoDetectProviders()
                    .add(LinuxFsI2CProvider.newInstance(), LinuxFsPwmProvider.newInstance(pwmChip),
                            LinuxFsDigitalInputProvider.newInstance())
                    .build());
        } catch (RuntimeException failure) {
            throw Pi4jFailures.translate("Pi4J context", failure);
        }
    }

    @Override
    public RegisterBus open(int busNumber, int address) throws IOException {
        String id = String.format("i2c-%d-0x%02X", busNumber, address);
        try {
            I2CConfig config = I2C.newConfigBuilder(context)
                    .id(id)
                    .bus(busNumber)
                    .device(address)
                    .provider(LinuxFsI2CProvider.ID)
                    .build();
            return new Pi4jRegisterBus(context.create(config));
        } catch (RuntimeException failure) {
            throw Pi4jFailures.translate("/dev/i2c-" + busNumber, failure);
        }
    }

    /** Hardware PWM channel {@code channel} (GPIO 18 is channel 0 on a Pi Zero 2 W and 4, 2 on a Pi 5), off. */
    @Override
    public PwmOutput pwm(int channel, int frequencyHz) throws IOException {
        try {
            PwmConfig config = Pwm.newConfigBuilder(context)
                    .id("pwm-" + channel)
                    .address(channel)
                    .pwmType(PwmType.HARDWARE)
                    .frequency(frequencyHz)
                    .initial(0)
                    .shutdown(0)
                    .provider(LinuxFsPwmProvider.ID)
                    .build();
            return new Pi4jPwmOutput(context.create(config), frequencyHz);
        } catch (RuntimeException failure) {
            throw Pi4jFailures.translate("PWM channel " + channel, failure);
        }
    }

    /**
     * GPIO {@code gpio} (BCM) as an input through sysfs number {@code sysfsBase + gpio}. The pull-up
     * asked for here is only documentation: sysfs cannot set one, so {@code config.txt} does
     * ({@code gpio=17=ip,pu}, see hardware/README.md).
     */
    @Override
    public GpioInput input(int gpio, int sysfsBase) throws IOException {
        String name = "GPIO " + gpio + " (/sys/class/gpio/gpio" + (sysfsBase + gpio) + ")";
        try {
            DigitalInput input = context.create(DigitalInput.newConfigBuilder(context)
                    .id("button-gpio-" + gpio)
                    .address(sysfsBase + gpio)
                    .pull(PullResistance.PULL_UP)
                    .provider(LinuxFsDigitalInputProvider.ID)
                    .build());
            return new Pi4jGpioInput(context, input, name);
        } catch (RuntimeException failure) {
            throw Pi4jFailures.translate(name, failure);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            context.shutdown();
        } catch (RuntimeException failure) {
            throw Pi4jFailures.translate("Pi4J context", failure);
        }
    }
}
