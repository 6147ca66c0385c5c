"""Test material shared by tests and benchmarks (generated, seeded; no I/O at import)."""
