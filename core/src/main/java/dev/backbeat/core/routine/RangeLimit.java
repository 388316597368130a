// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

/**
 * How far a person may go in one direction: in degrees from neutral, or as a share of the range
 * measured in their earlier sessions (exactly one of the two is a number, the other NaN).
 *
 * @param degrees the limit, degrees from neutral
 * @param fractionOfMeasuredRange the limit as a share of the person's measured range, 0..1.5
 */
public record RangeLimit(double degrees, double fractionOfMeasuredRange) {

    public RangeLimit {
        if (Double.isNaN(degrees) == Double.isNaN(fractionOfMeasuredRange)) {
            throw new IllegalArgumentException("a range limit is in degrees or a share of the measured range, not both or neither");
        }
    }

    public static RangeLimit ofDegrees(double degrees) {
        return new RangeLimit(degrees, Double.NaN);
    }

    public static RangeLimit ofMeasuredRange(double fraction) {
        return new RangeLimit(Double.NaN, fraction);
    }

    /** The limit in degrees, given the person's measured range (NaN if unknown and the limit needs it). */
    public double degrees(double measuredRangeDegrees) {
        return Double.isNaN(degrees) ? fractionOfMeasuredRange * measuredRangeDegrees : degrees;
    }

    @Override
    public String toString() {
        return Double.isNaN(degrees) ? BreathPattern.number(Math.round(fractionOfMeasuredRange * 1000) / 10.0) + "% of the measured range"
                : BreathPattern.number(degrees) + "°";
    }
}
