"""The PostgreSQL fixtures of tests/pg, for the chaos run on the PostgreSQL store."""

from tests.pg.conftest import hall_id, pg_server, pg_url  # noqa: F401
