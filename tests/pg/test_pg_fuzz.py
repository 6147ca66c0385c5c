"""The handler fuzz of tests/fuzz on the PostgreSQL store: after random batches, a restart from
PostgreSQL holds the hall that memory holds (NUL characters, 8-byte times and all)."""

from __future__ import annotations

import dataclasses
import os
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from queue_server.store_pg import PgStore
from tests.fuzz import service_run
from tests.fuzz.strategies import batch

EXAMPLES = int(os.environ.get("HALLQ_PG_FUZZ_EXAMPLES", "40"))


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(warm=st.booleans(), batches=st.lists(st.tuples(st.sampled_from([0, 5, 20_000]), batch(service_run.T0)),
                                            min_size=1, max_size=4))
def test_random_batches_on_postgresql_restart_into_the_same_hall(pg_url, warm, batches):
    hall = f"f{uuid.uuid4().hex[:10]}"
    service_run.run(batches, warm, store=PgStore(pg_url, hall), config=dataclasses.replace(service_run.CONFIG, id=hall))
