backbeat-profile 1
# A profile to copy and edit (backbeat profiles show custom > mine.profile). Every key with its
# default; a clinician sets the limits from the person's own measured range.
name custom
title Custom: the defaults, to copy and edit
extension-limit 25            # degrees from neutral, or e.g. 80% of the range measured before
flexion-limit 60
# pacer 6                     # breaths/min, 3..10 (default: each routine's own)
# ratio 4:6                   # inhale:exhale (default: each routine's own)
# hold 30                     # s (default: each routine's own)
tempo-scale 1
cue-strength 0.8
cue-pattern envelope
glide 0
calibration stand             # or stored: a short check of the calibration the last still stand stored
