"""Slack adapter: a Bolt app (HTTP at POST /slack/events, or Socket Mode)."""
