"""hallq: the `hallq` command and the demo that wires the whole hall together."""
