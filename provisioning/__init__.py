"""`hallq provision`: from an empty box to a locked-down hall (hall file, catalog, broker, TLS, devices).

See docs/provisioning.md. `provisioning.bundle.load_bundle` is the part other processes import.
"""
