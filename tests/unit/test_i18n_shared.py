"""The translations are parsed once per process and shared by every dispatcher built in it,
until a .ftl file changes. Fails if aiogram-i18n stops loading through `find_locales`."""

from __future__ import annotations

import shutil

import aiogram_i18n.cores.fluent_runtime_core as fluent_core

from bot.i18n import LOCALES_DIR, SharedLocalesCore, create_i18n


def _counting_parses(monkeypatch) -> list[int]:
    parsed = [0]
    real = fluent_core.FluentResource

    def counting(text: str):
        parsed[0] += 1
        return real(text)

    monkeypatch.setattr(fluent_core, "FluentResource", counting)
    return parsed


async def test_a_second_dispatcher_reuses_the_parsed_translations(monkeypatch) -> None:
    parsed = _counting_parses(monkeypatch)
    first = create_i18n("en").core
    await first.startup()
    after_first = parsed[0]
    second = create_i18n("cy").core
    await second.startup()
    assert parsed[0] == after_first, "the second core parsed the files again"
    assert second.get("menu-again", "cy") == first.get("menu-again", "cy")
    # aiogram-i18n's shutdown clears the core's own dict; the other core must keep working.
    await first.shutdown()
    assert second.get("menu-again", "en")
    await second.shutdown()


async def test_an_edited_file_is_read_again(tmp_path, monkeypatch) -> None:
    shutil.copytree(LOCALES_DIR, tmp_path / "locales")
    parsed = _counting_parses(monkeypatch)
    core = SharedLocalesCore(path=tmp_path / "locales" / "{locale}", default_locale="en")
    await core.startup()
    before = core.get("menu-again", "en")
    first_parse = parsed[0]
    assert first_parse > 0
    edited = next((tmp_path / "locales" / "en").glob("*.ftl"))
    edited.write_text(edited.read_text() + "\nshared-cache-probe = Changed\n")
    again = SharedLocalesCore(path=tmp_path / "locales" / "{locale}", default_locale="en")
    await again.startup()
    assert parsed[0] > first_parse
    assert again.get("shared-cache-probe", "en") == "Changed"
    assert again.get("menu-again", "en") == before
