"""The store's errors: sqlite3 and psycopg errors become these at the boundary."""


class StoreError(Exception):
    """The store could not read or write; the server answers nothing it could not store."""


class StoreFenced(StoreError):
    """Another server owns the hall now (or the store takes no writes): this server stops for good."""
