"""The real bot process against the Bot API stand-in."""
