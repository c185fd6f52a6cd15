"""Counting what a query function is asked for, in tests that check work is not repeated."""

from __future__ import annotations

from typing import Any

import pytest


def asked_for(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[Any]:
    """Replace the async `owner.name(session, wanted, ...)` with one that records `wanted`
    before calling it; returns the list the calls are recorded in."""
    seen: list[Any] = []
    real = getattr(owner, name)

    async def recorded(session: Any, wanted: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(wanted)
        return await real(session, wanted, *args, **kwargs)

    monkeypatch.setattr(owner, name, recorded)
    return seen
