"""The queue server: the hall's one authority, the domain core behind the bus and a durable store."""
