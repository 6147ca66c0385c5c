"""A day in the hall: a discrete-event simulator that drives the real `hallcore.hall.Hall`,
and a what-if planner built on it. Nothing here does I/O at import; see docs/simulator.md."""
