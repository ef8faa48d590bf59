"""Upload intake shared by every channel adapter (Slack, Teams, console).

`service.intake_file` checks type and size, keeps the original under MEDREP_HOME/uploads,
records an `uploads` row, and hands the file on: documents become searchable for the
uploader (the search capability), audio and transcripts are recorded for call analysis.
Every outcome carries a Korean message (`texts`). Downloading from a platform stays in the
adapter (e.g. `bot/slack/files.py`).
"""
