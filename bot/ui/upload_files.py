"""Files organisers send: downloaded within a size limit, and one message for what is wrong.

The reading itself is models/uploads.py; this is the Telegram side of it: the size Telegram
reports is checked before downloading (nothing is fetched for an oversize file), the bytes
received are checked again (a reported size can lie), and every import's problems are shown
the same way, in the organiser's language: the first few with their line numbers, the
columns or keys expected, and the /template that gives an example file.
"""

from __future__ import annotations

from functools import cache
from html import escape, unescape
from pathlib import Path

from aiogram import Bot
from aiogram.types import Document
from aiogram_i18n import I18nContext
from aiogram_i18n.cores import FluentRuntimeCore

from bot.i18n import create_i18n
from models import uploads
from models.uploads import Problem, UploadError


async def download(bot: Bot, document: Document, limit: int) -> bytes:
    """The file's bytes, or UploadError when it is too big or could not be fetched."""
    uploads.check_size(document.file_size, limit)
    data = await bot.download(document)
    if data is None:
        raise UploadError(0, "download-failed")
    body = data.read(limit + 1)
    uploads.check_size(len(body), limit)
    return body


def problem_line(i18n: I18nContext, problem: Problem) -> str:
    args = {key: escape(value) if isinstance(value, str) else value
            for key, value in problem.args.items()}
    said = i18n.get(f"upload-{problem.code}", **args)
    # A line number as text: Fluent would write line 5001 as "5,001".
    return i18n.get("upload-line", line=str(problem.line), problem=said) if problem.line else said


def failed(i18n: I18nContext, problems: list[Problem], expected: str, template: str) -> str:
    """The one message for a file that was not imported: nothing saved, what to fix, where."""
    lines = [problem_line(i18n, p) for p in problems[:uploads.SHOWN_PROBLEMS]]
    if len(problems) > uploads.SHOWN_PROBLEMS:
        lines.append(i18n.get("upload-more", count=len(problems) - uploads.SHOWN_PROBLEMS))
    return i18n.get("upload-failed", problems="\n".join(lines),
                    hint=i18n.get("upload-hint", expected=escape(expected), kind=template))


def welsh_notes(i18n: I18nContext, notes: list[Problem]) -> str | None:
    """After an import: the texts that have no Welsh, each with its line (None if all do)."""
    if not notes:
        return None
    lines = [problem_line(i18n, note) for note in notes[:uploads.SHOWN_PROBLEMS]]
    if len(notes) > uploads.SHOWN_PROBLEMS:
        lines.append(i18n.get("upload-more", count=len(notes) - uploads.SHOWN_PROBLEMS))
    return i18n.get("upload-welsh-heading", problems="\n".join(lines))


# --- the command-line imports (events, rounds) ----------------------------------------------

def read_path(path: Path, limit: int) -> bytes:
    """A file named on the command line, refused before reading when it is too big."""
    uploads.check_size(path.stat().st_size, limit)
    with path.open("rb") as file:
        data = file.read(limit + 1)
    uploads.check_size(len(data), limit)
    return data


@cache
def _english() -> FluentRuntimeCore:
    core = create_i18n("en").core
    core.locales.update(core.find_locales())
    return core


def in_english(problem: Problem) -> str:
    """A problem as the command line prints it: the chat's words, without the HTML."""
    core = _english()
    said = core.get(f"upload-{problem.code}", "en", **problem.args)
    text = (core.get("upload-line", "en", line=str(problem.line), problem=said) if problem.line
            else said)
    return unescape(text).replace("“", "'").replace("”", "'")
