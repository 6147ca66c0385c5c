"""Coming back from a store that failed (a dropped database connection, a database restart).

The Hall in memory may hold changes that never reached the store, so it is thrown away with the
store and rebuilt from what the store holds, exactly as a restart would, but inside the process:
requests that arrived meanwhile wait in the inbox, and clients retry the unanswered ones under
their ids, so nothing is lost and nothing is done twice. Retries back off with jitter.
"""

from __future__ import annotations

import contextlib
import logging
import random
import threading
from collections.abc import Callable

from queue_server.service import QueueService
from queue_server.store_errors import StoreError

log = logging.getLogger(__name__)
FIRST_S, MAX_S = 0.2, 5.0


def rebuild_until_back(old: QueueService, rebuild: Callable[[], QueueService],
                       stop: threading.Event) -> QueueService | None:
    """A new service over a reopened store, or None when asked to stop first."""
    with contextlib.suppress(StoreError, OSError):
        old.store.close()  # also ends our lock session, so the reopened store can take the hall again
    delay, told = FIRST_S, False
    while not stop.is_set():
        try:
            service = rebuild()
        except (StoreError, OSError) as exc:
            if not told:  # one line for the outage, not one per retry
                log.error("store still unavailable, retrying with backoff: %s", exc)
                told = True
            stop.wait(delay * random.uniform(0.5, 1.0))
            delay = min(MAX_S, delay * 2)
            continue
        log.warning("store back: hall restored from it, answering again")
        return service
    return None
