"""`medrep teams-package`: manifest v1.19 with the bot, scopes, commands and two PNG icons."""

from __future__ import annotations

import json
import struct
import zipfile

from typer.testing import CliRunner


def _size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_teams_package_cli(tmp_path, monkeypatch):
    from medrep.cli.main import app
    from medrep.kernel.settings import get_settings

    monkeypatch.setenv("MEDREP_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("MICROSOFT_APP_ID", "11111111-2222-3333-4444-555555555555")
    monkeypatch.setenv("MEDREP_PUBLIC_URL", "https://medrep.example.kr")
    get_settings.cache_clear()
    try:
        out = tmp_path / "medrep.zip"
        result = CliRunner().invoke(app, ["teams-package", "--out", str(out)])
        assert result.exit_code == 0, result.output
        with zipfile.ZipFile(out) as archive:
            assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
            manifest = json.loads(archive.read("manifest.json"))
            assert _size(archive.read("color.png")) == (192, 192)
            assert _size(archive.read("outline.png")) == (32, 32)
        assert manifest["manifestVersion"] == "1.19" and manifest["id"] == "11111111-2222-3333-4444-555555555555"
        bot = manifest["bots"][0]
        assert bot["botId"] == manifest["id"] and bot["scopes"] == ["personal", "team", "groupChat"]
        assert bot["supportsFiles"] is True  # files can be attached in the 1:1 chat
        titles = [c["title"] for c in bot["commandLists"][0]["commands"]]
        assert {"report", "forecast", "client", "wiki"} <= set(titles)
        assert all(len(c["description"]) <= 128 for c in bot["commandLists"][0]["commands"])
        assert manifest["validDomains"] == ["medrep.example.kr"]

        monkeypatch.delenv("MICROSOFT_APP_ID")
        get_settings.cache_clear()
        result = CliRunner().invoke(app, ["teams-package", "--out", str(tmp_path / "x.zip")])
        assert result.exit_code == 2 and "MICROSOFT_APP_ID" in result.output
    finally:
        get_settings.cache_clear()
