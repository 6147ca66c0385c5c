"""The window console's bus feed: the one every console shares, in hallui.state_feed."""

from hallui.state_feed import Fed, attach, safe

__all__ = ["Fed", "attach", "safe"]
