// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.orientation;

import dev.backbeat.bench.orientation.OrientationErrorMetric.TrialErrors;
import dev.backbeat.core.orientation.OfflineOrientationEstimator;
import dev.backbeat.core.orientation.OrientationFilter9D;
import dev.backbeat.core.orientation.OrientationFilterSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Accuracy of the orientation filter on BROAD trials: per trial and mean RMSE (degrees) of 9D total,
 * 9D inclination, 6D inclination and 6D total after the best constant heading offset, with the
 * metric of shared/data/broad/README.md, for the real-time filter and the offline (acausal)
 * estimator, both with their default settings.
 *
 * <p>Usage: {@code BroadEvaluation [folder]}; the folder defaults to {@code ../shared/data/broad}
 * relative to the working directory (the repository root).
 */
public final class BroadEvaluation {

    /** Mean RMSE of VQF with defaults on the 30 BROAD trials available to the project, degrees. */
    private static final double VQF_9D_TOTAL = 2.43;
    private static final double VQF_9D_INCLINATION = 0.72;
    private static final double VQF_6D_INCLINATION = 0.72;

    private BroadEvaluation() {
    }

    /** The four figures of one trial, degrees. */
    public record Result(String trial, double total9D, double inclination9D, double inclination6D, double total6D) {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "../shared/data/broad");
        List<BroadTrial> trials = BroadTrial.readFolder(folder);
        System.out.printf(Locale.ROOT, "BROAD evaluation of %s (%d trials), RMSE in degrees over movement=1%n",
                folder, trials.size());
        List<Result> results = trials.stream().map(BroadEvaluation::evaluateRealTime).toList();
        print("real-time OrientationFilter, defaults", results);
        List<Result> offline = trials.stream().map(BroadEvaluation::evaluateOffline).toList();
        print("OfflineOrientationEstimator (acausal, whole recording), defaults", offline);
    }

    /** Runs the acausal estimator over the whole trial (6D from the same run, magnetometer-free by construction). */
    public static Result evaluateOffline(BroadTrial trial) {
        OfflineOrientationEstimator estimator =
                new OfflineOrientationEstimator(OrientationFilterSettings.DEFAULTS, trial.sampleRateHz());
        OfflineOrientationEstimator.Result result =
                estimator.estimate(trial.gyroscope(), trial.accelerometer(), trial.magnetometer());
        OfflineOrientationEstimator.Result sixD = estimator.estimate(trial.gyroscope(), trial.accelerometer(), null);
        return score(trial, result.orientation9D(), sixD.orientation6D());
    }

    /** Runs the real-time filter once over the trial (9D update; its 6D output ignores the magnetometer). */
    public static Result evaluateRealTime(BroadTrial trial) {
        int n = trial.sampleCount();
        double[] estimate9D = new double[4 * n];
        double[] estimate6D = new double[4 * n];
        OrientationFilter9D filter = new OrientationFilter9D(OrientationFilterSettings.DEFAULTS, trial.sampleRateHz());
        double[] gyr = trial.gyroscope();
        double[] acc = trial.accelerometer();
        double[] mag = trial.magnetometer();
        double[] q = new double[4];
        for (int i = 0; i < n; i++) {
            int j = 3 * i;
            filter.update(gyr[j], gyr[j + 1], gyr[j + 2], acc[j], acc[j + 1], acc[j + 2],
                    mag[j], mag[j + 1], mag[j + 2]);
            filter.copyOrientation9D(q);
            System.arraycopy(q, 0, estimate9D, 4 * i, 4);
            filter.copyOrientation6D(q);
            System.arraycopy(q, 0, estimate6D, 4 * i, 4);
        }
        return score(trial, estimate9D, estimate6D);
    }

    public static Result score(BroadTrial trial, double[] estimate9D, double[] estimate6D) {
        TrialErrors nine = OrientationErrorMetric.evaluate(trial, estimate9D, 0);
        TrialErrors six = OrientationErrorMetric.evaluateBestHeading(trial, estimate6D);
        return new Result(trial.name(), nine.totalDegrees(), nine.inclinationDegrees(),
                six.inclinationDegrees(), six.totalDegrees());
    }

    public static void print(String title, List<Result> results) {
        System.out.printf(Locale.ROOT, "%n%s%n", title);
        System.out.printf(Locale.ROOT, "%-44s %9s %9s %9s %9s%n", "trial", "9D total", "9D incl", "6D incl", "6D total*");
        double a = 0, b = 0, c = 0, d = 0;
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-44s %9.3f %9.3f %9.3f %9.3f%n",
                    r.trial(), r.total9D(), r.inclination9D(), r.inclination6D(), r.total6D());
            a += r.total9D();
            b += r.inclination9D();
            c += r.inclination6D();
            d += r.total6D();
        }
        int n = results.size();
        System.out.printf(Locale.ROOT, "%-44s %9.3f %9.3f %9.3f %9.3f%n", "MEAN", a / n, b / n, c / n, d / n);
        System.out.printf(Locale.ROOT, "%-44s %9.2f %9.2f %9.2f %9s%n",
                "VQF anchor (mean of 30 BROAD trials)", VQF_9D_TOTAL, VQF_9D_INCLINATION, VQF_6D_INCLINATION, "-");
        System.out.printf(Locale.ROOT, "%-44s %9.2f %9.2f %9.2f %9s%n", "target", 2.30, 0.70, 0.70, "-");
        System.out.println("* 6D total after removing the best constant heading offset per trial");
    }
}
