// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.analysis;

import dev.backbeat.core.recording.RawRecording;
import dev.backbeat.core.rhythm.RhythmAnalysis;
import dev.backbeat.core.spine.SpinalAnalysis;

/**
 * Everything the host's analysis tells about a recording.
 *
 * @param recording the input as read
 * @param angles spinal angles (or, with one sensor, trunk inclination) and the calibration
 * @param rhythm repetitions, holds, tempo and breathing
 */
public record RecordingAnalysis(RawRecording recording, SpinalAnalysis angles, RhythmAnalysis rhythm) {
}
