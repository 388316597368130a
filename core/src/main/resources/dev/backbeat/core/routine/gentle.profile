backbeat-profile 1
# Slow and supported: small extensions, slower breathing with a long exhale, shorter holds, a
# pacer that starts at the person's own breathing and glides down over 3 minutes.
name gentle
title Gentle: slow supported extensions, small range (e.g. mild disc degeneration)
extension-limit 15
flexion-limit 45
pacer 5
ratio 4:6
hold 20
tempo-scale 1.5
cue-strength 0.6
cue-pattern envelope
glide 3
routines supported-extensions, cat-cow, daily
