"""Test support code: the Bot API stand-in, harness, fixtures, scenarios."""
