"""A Slack event from its receipt to its delivered answer (the guarantees are bot/outbox.py's).

`schedule` runs right after the receipt is written (before the ack) and again from the sweep:
with REDIS_URL the event goes to the RQ queue and `medrep worker` answers it
(`bot.slack.worker.run_event`); otherwise a thread of this process does. Whoever runs it takes
the event's lease first, so it is worked on by one process at a time.

Per user: more than MEDREP_USER_EVENTS_PER_MINUTE events in a minute are refused with a Korean
message; a question that arrives while the same user's earlier ones are still open waits for
them (the user is told their place once) so a thread's follow-ups are answered in order.
"""

from __future__ import annotations

import hashlib
import http.client
import logging
import socket
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.outbox import HeldEvent
from bot.slack import texts
from bot.slack.conversation import SlackMessage, deliver_answer, handle_message, message_from_event
from bot.slack.deps import SlackDeps
from bot.slack.stream import TurnStream
from medrep.kernel.logs import log_context

log = logging.getLogger(__name__)

WAIT_FOR_EARLIER_S = 1.0
TRANSIENT_ERRORS = {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout",
                    "team_added_to_org"}


def is_transient(exc: BaseException) -> bool:
    """A failure worth another attempt later: Slack 5xx/429 (after the client's own retries),
    timeouts, the API unreachable. `ok: false` errors such as channel_not_found are not."""
    if isinstance(exc, SlackApiError):
        status = getattr(exc.response, "status_code", 200) or 200
        error = str((exc.response or {}).get("error") or "")
        return status >= 500 or status == 429 or error in TRANSIENT_ERRORS
    return isinstance(exc, (URLError, TimeoutError, socket.timeout, ConnectionError, http.client.HTTPException))


def schedule(deps: SlackDeps, event_id: str) -> None:
    """Hand the event to a worker (RQ) or to this process's thread pool."""
    if deps.queue_turns:
        from medrep.kernel.workqueue import enqueue_turn

        # one job per attempt: the sweep finds the job still queued and leaves it; a job whose
        # worker died was taken (attempts went up) and gets a new id
        job_id = f"slack-{hashlib.sha1(event_id.encode()).hexdigest()[:16]}-a{deps.outbox.attempts(event_id)}"
        try:
            if enqueue_turn(deps.app.settings, "bot.slack.worker.run_event", event_id, job_id=job_id,
                            description=f"slack event {event_id}"):
                return
        except Exception as exc:  # Redis down: answer here rather than not at all
            log.warning("queue unavailable (%s): answering event %s in this process", exc, event_id)
    deps.background(process_event, deps, event_id)


def process_event(deps: SlackDeps, event_id: str) -> None:
    held = deps.outbox.take(event_id)
    if held is None:
        return  # answered already, or another process holds it
    deps.leases.hold(event_id)
    waits = False
    event = held.payload.get("event") or {}
    thread_key = f"slack:{held.payload.get('team_id', '')}:{event.get('channel', '')}:" \
                 f"{event.get('thread_ts') or event.get('ts', '')}"
    with log_context(platform="slack", event_id=event_id, thread_key=thread_key, slack_user=held.user_id,
                     attempt=held.attempts):
        try:
            waits = _process(deps, held)
        except Exception as exc:
            _failed_attempt(deps, held, exc)
        finally:
            deps.leases.release(event_id)
    if not waits:  # the user's next question goes now, not at the next sweep
        waiting = deps.outbox.next_waiting(held.user_id)
        if waiting and waiting != event_id:
            schedule(deps, waiting)


def _message(held: HeldEvent) -> SlackMessage:
    return message_from_event(held.payload.get("event") or {}, held.payload)


def _process(deps: SlackDeps, held: HeldEvent) -> bool:
    """Work on the event; True when it was put back to wait for the user's earlier ones."""
    client, msg = deps.client, _message(held)
    if held.answer is not None:  # computed before; only the delivery is left
        stream = TurnStream(client, msg)
        stream.resume(held.reply_mode, held.reply_ts)
        deliver_answer(deps, client, msg, held, stream, held.answer)
        deps.metrics.delivery("redelivered")
        return False
    limit = deps.app.settings.medrep_user_events_per_minute
    meta = dict(held.payload.get("medrep") or {})
    if not meta.get("admitted"):
        if deps.outbox.recent_count(held) > limit:
            client.chat_postMessage(channel=msg.channel, thread_ts=msg.thread_ts,
                                    text=texts.RATE_LIMITED.format(limit=limit))
            deps.outbox.finish(held.event_id, "refused", "per-user rate limit")
            deps.metrics.failed("rate_limited")
            return False
        meta["admitted"] = True
    ahead = deps.outbox.ahead_of(held)
    if ahead:
        if not meta.get("told_position"):
            client.chat_postMessage(channel=msg.channel, thread_ts=msg.thread_ts,
                                    text=texts.QUEUED.format(ahead=ahead, position=ahead + 1))
            meta["told_position"] = True
        deps.outbox.defer(held.event_id, WAIT_FOR_EARLIER_S, payload={**held.payload, "medrep": meta})
        return True
    handle_message(deps, client, msg, held)
    return False


def _failed_attempt(deps: SlackDeps, held: HeldEvent, exc: BaseException) -> None:
    error = f"{type(exc).__name__}: {exc}"[:500]
    if is_transient(exc) and deps.outbox.retry_later(held.event_id, held.attempts, error):
        log.warning("event %s: attempt %d failed (%s); retrying later", held.event_id, held.attempts, error)
        deps.metrics.delivery("retried")
        return
    log.error("event %s could not be answered: %s", held.event_id, error, exc_info=exc)
    deps.outbox.finish(held.event_id, "failed", error)
    deps.metrics.delivery("lost")
    msg = _message(held)
    text = texts.UNDELIVERED.format(error=_short(exc))
    try:  # tell the user where the answer should have been, else in a DM
        deps.client.chat_postMessage(channel=msg.channel, thread_ts=msg.thread_ts, text=text)
    except Exception:
        try:
            channel = deps.client.conversations_open(users=msg.user_id)["channel"]["id"]
            deps.client.chat_postMessage(channel=channel, text=text)
        except Exception as second:
            log.error("event %s: the user could not be told either: %s", held.event_id, second)


def _short(exc: BaseException) -> str:
    if isinstance(exc, SlackApiError):
        return str((exc.response or {}).get("error") or "slack_error")
    return type(exc).__name__


def make_client(token: str, api_url: str, timeout_s: int = 10) -> WebClient:
    """A WebClient that retries connection errors and timeouts, 429 (Retry-After) and 5xx itself
    before the outbox reschedules the delivery."""
    from slack_sdk.http_retry.builtin_handlers import (
        ConnectionErrorRetryHandler, RateLimitErrorRetryHandler, ServerErrorRetryHandler)

    connection = ConnectionErrorRetryHandler(max_retry_count=2, error_types=[
        URLError, ConnectionResetError, http.client.RemoteDisconnected, TimeoutError, socket.timeout])
    return WebClient(token=token, base_url=api_url, timeout=timeout_s, retry_handlers=[
        connection, RateLimitErrorRetryHandler(max_retry_count=3), ServerErrorRetryHandler(max_retry_count=2)])
