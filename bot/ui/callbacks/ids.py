"""The numbers callback data may carry."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

# Numbers in callback data point at rows (32-bit keys on PostgreSQL) or at people (64-bit
# Telegram ids). A forged number outside that range is no button of ours: the filter does not
# match and the catch-all answers "out of date", instead of the database refusing the query.
RowId = Annotated[int, Field(ge=-(2**31), le=2**31 - 1)]
TelegramId = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]
