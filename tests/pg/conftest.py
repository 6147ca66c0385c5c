"""A PostgreSQL for the store tests: HALLQ_PG_URL, else the local default, else a throwaway cluster.

Each test gets a fresh schema (dropped after) and its own hall ids, since advisory locks are
database-wide. Skips, saying what was tried, when no PostgreSQL can be had.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import psycopg
import pytest

from tests.pg.cluster import DEFAULT_URL, Throwaway, reachable


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    url = os.environ.get("HALLQ_PG_URL", DEFAULT_URL)
    why = reachable(url)
    if why is None:
        yield url
        return
    if os.environ.get("HALLQ_PG_URL"):
        pytest.skip(f"PostgreSQL at HALLQ_PG_URL={url} is not reachable: {why}")
    local = Throwaway()
    why_local = local.start()
    if why_local is not None:
        local.stop()
        pytest.skip(f"no PostgreSQL: {url} is not reachable ({why}) and {why_local}; "
                    "set HALLQ_PG_URL=postgresql://USER@HOST:PORT/DB to run these tests")
    yield local.url
    local.stop()


def with_schema(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    schema = f"hallq_t_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield with_schema(pg_server, schema)
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def hall_id() -> str:
    return f"t{uuid.uuid4().hex[:10]}"
