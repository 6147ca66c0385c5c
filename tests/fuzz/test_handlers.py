"""Every request handler under random, mutated and garbage requests (in-process, no MQTT).

No exception leaves `handle_batch`; every request with a usable id is answered with ok or a
contract error code, never `internal`; the hall's invariants hold after every batch; and a
server restarted on the same store holds the same hall. CI size: HALLQ_FUZZ_EXAMPLES (200).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz import service_run
from tests.fuzz.strategies import batch

EXAMPLES = int(os.environ.get("HALLQ_FUZZ_EXAMPLES", "200"))
NOW = service_run.T0
# waits stay under the 2-day response TTL in total: an id reused after it is a new request by design
waits = st.sampled_from([0, 1, 30, 600, 20_000])


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.data_too_large])
@given(st.booleans(), st.lists(st.tuples(waits, batch(NOW)), min_size=1, max_size=6))
def test_any_requests_leave_a_sound_hall(warm, batches):
    service_run.run(batches, warm)
