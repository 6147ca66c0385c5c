"""The store's one error: sqlite3 and psycopg errors become this at the boundary."""


class StoreError(Exception):
    """The store could not read or write; the server stops rather than answer unsaved."""
