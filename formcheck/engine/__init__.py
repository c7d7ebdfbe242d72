"""The shared engine that runs any exercise spec: measures, rep and hold state machines, view,
sides, faults. Exercises are data (`formcheck.exercises`); nothing here knows any of them."""
