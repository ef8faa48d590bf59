"""`medrep teams-package [--out FILE]`: the Microsoft Teams app package — manifest.json
(schema v1.19; the bot = MICROSOFT_APP_ID; scopes personal, team, groupChat; commands
mirroring the Slack slash commands) and two icons (color 192×192, outline 32×32) drawn as
plain PNG bytes."""

from __future__ import annotations

import json
import struct
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

if TYPE_CHECKING:
    from medrep.kernel.settings import Settings

MANIFEST_VERSION = "1.19"
SCHEMA = f"https://developer.microsoft.com/en-us/json-schemas/teams/v{MANIFEST_VERSION}/MicrosoftTeams.schema.json"
ACCENT = (0x0E, 0x7C, 0x86)
SLACK_MANIFEST = Path(__file__).resolve().parents[2] / "bot" / "slack" / "manifest.yml"
SCOPES = ["personal", "team", "groupChat"]


class PackageError(Exception):
    pass


def png(width: int, height: int, pixel) -> bytes:
    """An RGBA PNG; `pixel(x, y)` → (r, g, b, a)."""
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def _in_cross(x: int, y: int, size: int) -> bool:
    arm, half = size * 0.14, size / 2
    return (abs(x + 0.5 - half) <= arm and abs(y + 0.5 - half) <= size * 0.34) or \
        (abs(y + 0.5 - half) <= arm and abs(x + 0.5 - half) <= size * 0.34)


def color_icon() -> bytes:
    """192×192: a white cross on the accent colour (full bleed, as Teams wants)."""
    return png(192, 192, lambda x, y: (255, 255, 255, 255) if _in_cross(x, y, 192) else (*ACCENT, 255))


def outline_icon() -> bytes:
    """32×32: the white cross on a transparent background."""
    return png(32, 32, lambda x, y: (255, 255, 255, 255) if _in_cross(x, y, 32) else (0, 0, 0, 0))


def slack_commands() -> list[dict]:
    """The Slack slash commands as Teams bot commands (title ≤ 32, description ≤ 128)."""
    import yaml

    manifest = yaml.safe_load(SLACK_MANIFEST.read_text(encoding="utf-8"))
    commands = (manifest.get("features") or {}).get("slash_commands") or []
    out = []
    for c in commands[:10]:  # Teams allows 10 commands per command list
        hint = c.get("usage_hint") or ""
        description = c.get("description", "")
        if hint:
            description = f"{description} — {hint}"
        out.append({"title": c["command"].lstrip("/")[:32], "description": description[:128]})
    return out


def manifest(settings: Settings, *, version: str = "1.0.0") -> dict:
    app_id = settings.microsoft_app_id
    if not app_id:
        raise PackageError("MICROSOFT_APP_ID가 없습니다. Azure Bot의 앱 ID를 .env에 넣고 다시 실행해 주세요 "
                           "(docs/teams.md 참고).")
    public = settings.medrep_public_url or ""
    website = public if public.startswith("https://") else "https://www.microsoft.com/"
    domains = [urlparse(public).hostname] if public.startswith("https://") and urlparse(public).hostname else []
    return {
        "$schema": SCHEMA,
        "manifestVersion": MANIFEST_VERSION,
        "version": version,
        "id": app_id,
        "developer": {"name": "MedRep", "websiteUrl": website, "privacyUrl": website, "termsOfUseUrl": website},
        "name": {"short": "MedRep", "full": "MedRep 제약 영업 어시스턴트"},
        "description": {
            "short": "실적·예측·거래처·제품 문서를 묻는 영업 어시스턴트",
            "full": "MedRep은 제약 영업 담당자를 위한 어시스턴트입니다. 실적 리포트와 차트, 매출 예측, 거래처 등급과 "
                    "방문 우선순위, 제품 문서 검색, 팀 위키, 방문 보고서 초안, 관련 뉴스를 한국어로 답합니다.",
        },
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": "#{:02X}{:02X}{:02X}".format(*ACCENT),
        "bots": [{
            "botId": app_id, "scopes": SCOPES, "supportsFiles": True, "isNotificationOnly": False,
            "commandLists": [{"scopes": SCOPES, "commands": slack_commands()}],
        }],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": domains,
    }


def build_package(settings: Settings, out: Path | None = None) -> Path:
    out = Path(out or settings.home / "teams" / "medrep-teams.zip")
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest(settings), ensure_ascii=False, indent=2))
        archive.writestr("color.png", color_icon())
        archive.writestr("outline.png", outline_icon())
    return out


def teams_package(out: Path | None = None) -> int:
    import typer

    from medrep.kernel.settings import get_settings

    try:
        path = build_package(get_settings(), out)
    except PackageError as exc:
        typer.echo(str(exc), err=True)
        return 2
    typer.echo(f"Teams 앱 패키지를 만들었습니다: {path}\n"
               "Teams 관리 센터 또는 '앱 관리 → 앱 업로드'에서 이 zip을 올리세요 (docs/teams.md).")
    return 0
