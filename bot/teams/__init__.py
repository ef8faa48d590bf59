"""Microsoft Teams channel: `POST /api/messages` of `medrep serve`.

One concern per module. Only `auth.py`, `adapter.py`, `bot.py`, `activities.py` and
`proactive.py` import botbuilder; `cards.py`, `links.py`, `streaming.py`, `identity.py` and
`store.py` work on plain Activity JSON dicts, so a move to the Microsoft 365 Agents SDK
rewrites only those five (see docs/teams.md)."""
