// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.spine;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.session.SensorTrack;
import dev.backbeat.core.spine.SpinalAnalysis;
import dev.backbeat.core.spine.SpinalAnalysisSettings;
import dev.backbeat.core.spine.SpinalAnalyzer;
import dev.backbeat.core.spine.SpinalAngleEstimator;
import dev.backbeat.core.spine.SpinalAngleSettings;
import dev.backbeat.core.spine.SpinalAngles;
import dev.backbeat.hardware.sim.Routine;
import java.util.Locale;
import java.util.Map;

/**
 * Accuracy of the spinal angles against the simulator's ground truth, per session type: RMSE of
 * flexion, side bend and twist for the offline analysis ({@code backbeat analyze}) and the
 * flexion RMSE of the device's streaming estimate, over several seeds.
 *
 * <p>Run with {@code bench/spine-eval [SEEDS] [RATE_HZ]} (defaults 3 seeds, 100 Hz).
 */
public final class SpinalAccuracyEvaluation {

    private SpinalAccuracyEvaluation() {
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        double rateHz = args.length > 1 ? Double.parseDouble(args[1]) : 100;
        System.out.printf(Locale.ROOT, "Spinal angle RMSE vs. simulator truth (degrees), %d seeds per type, %.0f Hz%n", seeds, rateHz);
        System.out.printf(Locale.ROOT, "%-22s %8s %8s %8s %8s %8s   %s%n", "session type", "flexion", "side", "twist",
                "max", "stream", "neutral found / twist references");
        double[] worst = new double[3];
        for (Map.Entry<String, Routine> type : SimulatedSessions.types().entrySet()) {
            double[] sumSquared = new double[4];
            long[] count = new long[2];
            double worstSample = 0;
            StringBuilder notes = new StringBuilder();
            for (long seed = 1; seed <= seeds; seed++) {
                SimulatedSessions.Session session = SimulatedSessions.generate(type.getKey(), type.getValue(), seed, rateHz);
                SensorTrack upper = session.tracks().get(SensorPosition.UPPER);
                SensorTrack lower = session.tracks().get(SensorPosition.LOWER);
                SpinalAnalysis analysis = new SpinalAnalyzer(SpinalAnalysisSettings.DEFAULTS).analyze(upper, lower);
                for (int index = 0; index < analysis.sampleCount(); index++) {
                    double[] truth = session.wearer().spinalAnglesDegrees(analysis.timeSeconds()[index]);
                    double flexionError = analysis.flexionDegrees()[index] - truth[0];
                    double sideError = analysis.sideBendDegrees()[index] - truth[1];
                    double twistError = analysis.twistDegrees()[index] - truth[2];
                    sumSquared[0] += flexionError * flexionError;
                    sumSquared[1] += sideError * sideError;
                    sumSquared[2] += twistError * twistError;
                    worstSample = Math.max(worstSample, Math.max(Math.abs(flexionError), Math.abs(sideError)));
                    count[0]++;
                }
                sumSquared[3] += streamingFlexionSquaredError(session, count, rateHz);
                if (seed == 1) {
                    notes.append(analysis.neutral().method().name().toLowerCase(Locale.ROOT)).append(" ")
                            .append(String.format(Locale.ROOT, "%.1f-%.1f s", analysis.neutral().startSeconds(),
                                    analysis.neutral().endSeconds()))
                            .append(" / ").append(analysis.twistReferenceTimesSeconds().size());
                }
            }
            double flexion = Math.sqrt(sumSquared[0] / count[0]);
            double side = Math.sqrt(sumSquared[1] / count[0]);
            double twist = Math.sqrt(sumSquared[2] / count[0]);
            double streaming = Math.sqrt(sumSquared[3] / count[1]);
            worst[0] = Math.max(worst[0], flexion);
            worst[1] = Math.max(worst[1], side);
            worst[2] = Math.max(worst[2], twist);
            System.out.printf(Locale.ROOT, "%-22s %8.2f %8.2f %8.2f %8.1f %8.2f   %s%n", type.getKey(), flexion, side, twist,
                    worstSample, streaming, notes);
        }
        System.out.printf(Locale.ROOT, "%-22s %8.2f %8.2f %8.2f%n", "worst type", worst[0], worst[1], worst[2]);
        System.out.println("targets: flexion ≤ 1.0, side bend ≤ 1.0, twist ≤ 2.0 (10-minute session); "
                + "'max' = largest single-sample flexion/side error; 'stream' = device's streaming flexion RMSE");
    }

    private static double streamingFlexionSquaredError(SimulatedSessions.Session session, long[] count, double rateHz) {
        SpinalAngleEstimator estimator = new SpinalAngleEstimator(SpinalAngleSettings.DEFAULTS, rateHz);
        SensorTrack upper = session.tracks().get(SensorPosition.UPPER);
        SensorTrack lower = session.tracks().get(SensorPosition.LOWER);
        double sum = 0;
        int lowerIndex = 0;
        for (int index = 0; index < upper.sampleCount(); index++) {
            double time = upper.timeSeconds(index);
            while (lowerIndex < lower.sampleCount() && lower.timeSeconds(lowerIndex) <= time) {
                estimator.update(SensorPosition.LOWER, lower.sample(lowerIndex++));
            }
            SpinalAngles angles = estimator.update(SensorPosition.UPPER, upper.sample(index));
            if (angles != null) {
                double error = angles.flexionDegrees() - session.wearer().spinalAnglesDegrees(time)[0];
                sum += error * error;
                count[1]++;
            }
        }
        return sum;
    }
}
