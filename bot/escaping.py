"""Escaping of text quoted from documents, wiki pages, news and users before it is posted, so
markup inside it is shown, not executed: no @channel/@here pings, no user or group mentions,
no links whose visible text pretends to be another address.

Slack mrkdwn: only &, < and > are control characters (Slack's "Escaping text" rule); with
them as entities `<!channel>`, `<@U…>` and `<https://evil|docs.google.com>` appear as typed.
Teams markdown: `<at>` mentions and other HTML become text; `[text](url)` links whose text
looks like a different address than the target are rewritten to show the real target."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_SLACK = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})

# [text](url "title") with one level of balanced brackets in the text
_MD_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^\s)>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HOSTLIKE = re.compile(r"(?:[a-z][a-z0-9+.\-]*://)?(?:[^\s/@]+@)?((?:[a-z0-9\-]+\.)+[a-z]{2,})(?::\d+)?(?:[/?#]\S*)?$",
                       re.IGNORECASE)


def escape_slack_mrkdwn(text: str) -> str:
    """`text` safe to put inside Slack mrkdwn (message text, section and context blocks)."""
    return text.translate(_SLACK)


# the openings of Slack's control sequences: <!channel>, <@U…>, <#C…>, <!subteam^…>, <https://…|…>
_SLACK_TOKEN = re.compile(r"<(?=[!@#]|(?:https?|mailto|tel|slack):)", re.IGNORECASE)


def neutralize_slack_markup(text: str) -> str:
    """An answer (standard markdown, which the `markdown` block and stream chunks take, and
    which becomes mrkdwn for notifications) with Slack control sequences from quoted content
    made inert and disguised links defused; everything else, `&` included, left as written."""
    return defuse_markdown_links(_SLACK_TOKEN.sub("&lt;", text))


def _host(url: str) -> str:
    try:
        return (urlsplit(url if "://" in url else f"//{url}").hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def _shown_host(label: str) -> str | None:
    """The host a link label displays, when the label looks like an address."""
    match = _HOSTLIKE.match(label.strip().strip("<>`*_ "))
    return match.group(1).lower().rstrip(".") if match else None


def _same_site(shown: str, target: str) -> bool:
    shown, target = shown.removeprefix("www."), target.removeprefix("www.")
    return bool(target) and (shown == target or target.endswith("." + shown) or shown.endswith("." + target))


def _defuse_link(match: re.Match) -> str:
    label, url = match.group(1), match.group(2)
    shown = _shown_host(label)
    if shown is None or _same_site(shown, _host(url)):
        return match.group(0)
    return f"{label} ({url})"  # both addresses visible; nothing disguised


def defuse_markdown_links(text: str) -> str:
    """Disguised `[text](url)` links rewritten to `text (url)`; honest links kept. Enough for
    Adaptive Card TextBlocks (they render no HTML, and mentions there need card entities)."""
    return _MD_LINK.sub(_defuse_link, text)


def escape_teams_markdown(text: str) -> str:
    """`text` safe to put inside a Teams message with textFormat markdown: `<at>` and other
    HTML shown as text, disguised links defused."""
    return defuse_markdown_links(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
