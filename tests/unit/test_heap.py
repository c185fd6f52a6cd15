"""What start-up built is frozen, out of the garbage collector's full collections."""

from __future__ import annotations

import gc

from bot.app import settle_heap


async def test_settle_heap_freezes_what_exists():
    gc.unfreeze()
    kept = [object() for _ in range(10)]
    await settle_heap()
    try:
        assert gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()
