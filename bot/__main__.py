"""`python -m bot` runs the bot; `python -m bot <command>` runs one of the maintenance commands."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.settings import Settings

USAGE = """usage: python -m bot [command]

  (no command)     migrate the database, then run the bot (long polling)
  migrate          apply database migrations and exit
  check-locales    check every locale has the same messages as English
  tally FILE.pb    recount a Pabulib file (see --help)
  rounds import FILE.yaml   create a PB round from a file (see README)
  events import FILE        create events from a YAML or CSV file (see README)
"""


def load_settings() -> Settings:
    # Imported here, not at the top: settings pull in pydantic and the domain models (about
    # 0.6 s), which `tally` and `check-locales` never use.
    from pydantic import ValidationError

    from bot.settings import Settings, describe_error

    try:
        return Settings()
    except ValidationError as exc:
        print(f"pbchat: configuration error: {describe_error(exc)}", file=sys.stderr)
        raise SystemExit(2) from None


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "run"
    if command in {"-h", "--help", "help"}:
        print(USAGE)
        return 0
    if command == "check-locales":
        from bot.cli.locale_check import main as check_locales

        return check_locales()
    if command == "tally":
        from bot.cli.tally import main as tally

        return tally(argv[1:])
    # asyncio and logging are imported here, not at the top: `tally` and `check-locales` never
    # use them, and asyncio alone takes about 40 ms to import.
    import asyncio
    import logging

    settings = load_settings()
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if command == "events":
        from bot.cli.events import main as events_cli

        return events_cli(argv[1:], settings)
    if command == "rounds":
        from bot.cli.rounds import main as rounds

        return rounds(argv[1:], settings)
    from bot.app import TokenRefused, migrate_only, run

    if command == "migrate":
        return asyncio.run(migrate_only(settings))
    if command == "run":
        try:
            return asyncio.run(run(settings))
        except TokenRefused as exc:
            print(f"pbchat: Telegram refused BOT_TOKEN ({exc}). Copy the token again from "
                  "@BotFather.", file=sys.stderr)
            return 2
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
