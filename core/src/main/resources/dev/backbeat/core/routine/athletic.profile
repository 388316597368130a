backbeat-profile 1
# Dynamic flows with a wider range, a slightly faster pace and firmer cues.
name athletic
title Athletic: dynamic flows, wider range
extension-limit 30
flexion-limit 70
pacer 7
ratio 4:6
tempo-scale 0.8
cue-strength 0.9
cue-pattern pulses
routines daily, cat-cow, extensions, side-bends, twists, lunge-twist
