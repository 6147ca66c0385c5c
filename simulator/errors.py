"""The simulator's own errors: bad input a person can fix, reported with where it is."""

from __future__ import annotations


class SimInputError(ValueError):
    """Input the simulator cannot use (a CSV line, an --assign entry, a state file, a database).

    The message names the place (file and line, option, window) and says what is wrong;
    entry points print it and exit with status 2.
    """


class BrokerUnavailable(RuntimeError):
    """The broker could not be reached, or the queue server published no state in time."""
