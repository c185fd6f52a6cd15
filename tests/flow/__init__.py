"""Conversations through the real dispatcher (the `harness` fixture)."""
