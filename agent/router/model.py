"""`OfflineRouterModel`: a LangChain chat model that needs no download. It classifies the
user's intent, fills the tool's arguments from the database vocabulary and emits a real
`tool_calls` AIMessage; after the tool ran it composes the final Korean answer from the
ToolMessages. Follow-ups reuse the previous turn's tool call, which the checkpointer keeps
in the thread's message history."""

from __future__ import annotations

import re
import uuid
from typing import Any, Callable, Sequence

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import ConfigDict, PrivateAttr

from agent.router.clauses import conjunction_splits, split_requests
from agent.router.companies import company_named
from agent.router.compose import (clarify_text, compose_answer, help_text, out_of_scope_text, smalltalk_text,
                                   unavailable_text)
from agent.router.nlu import FOLLOWUP, OUT_OF_SCOPE, PSEUDO_INTENTS, SMALLTALK, IntentClassifier
from agent.router.slots import SlotFiller, Slots
from agent.router.toolargs import (build_args, claimed_by, followup_args, missing_question, not_inherited,
                                   ranks_rows, redirected)
from tools.common.periods import parse_period

FOLLOWUP_CUE = re.compile(
    r"^\s*(?:그럼|그러면|그럼요|그\s*중|그중|그거|그건|이번엔|대신|거기서|여기서|그리고|then|and\s)"
    r"|(?:은|는|만|도)\s*[?？]?\s*$|만\s*(?:보여|볼|알려|뽑아)|(?:으로|로)\s*(?:바꿔|다시)",
    re.I,
)
# "제일 낮은 사람은 누구야?" after a table: the same table's first (or last) row.
SUPERLATIVE = re.compile(r"(?:제일|가장|젤|최고로)\s*(?:낮|적|못|부진|저조|높|많|잘)|꼴찌|꼴등|1등|일등|최하위|최상위"
                         r"|\b(?:lowest|highest|worst|best|top)\b", re.I)
LOWEST = re.compile(r"낮|적|못|부진|저조|꼴|최하위|lowest|worst", re.I)
MIN_CONFIDENCE = 0.12
# Below this top-intent probability (chosen on the development set heldout.jsonl, see
# docs/agent.md "Measured") a first turn gets a clarifying question naming the top two tools.
CLARIFY_BELOW = 0.18
# "X 말고 Y", "X 하지 말고 Y", "X는 필요 없고 Y", "X 없이 Y": the request is Y.
NEGATION = re.compile(
    r"^(?P<neg>.*?\S)\s*(?:(?:하지|보여주지|그리지|주지|쓰지)\s*말고|말고요?|말구|아니고|"
    r"(?:은|는)?\s*필요\s*없고|(?:은|는)?\s*됐고|없이)[\s,]+(?P<pos>\S.*)$",
    re.S,
)
# Both channel values named ("원내 원외 채널별") mean a breakdown, not a filter on one of them.
BOTH_CHANNELS = re.compile(r"원내.*원외|원외.*원내")
# What decide() returns as args when no tool is called and the router answers itself.
REPLY = "reply"
# Both halves of "A이랑 B" must be this sure of two different tools before the turn is split.
SPLIT_CONFIDENCE = 0.35
# Names a later request of the same question takes from an earlier one ("양천중앙병원 최근 방문이랑 매출").
SHARED_FILTERS = ("account", "product", "rep", "team", "region")


def negation_focus(text: str) -> str:
    """The part of `text` the user asks for when it says what it does not want."""
    m = NEGATION.match(text.strip())
    return m.group("pos").strip() if m and len(m.group("pos").strip()) >= 2 else text
# "전체", "모든" reset the filters a follow-up would otherwise inherit.
RESET_FILTERS = re.compile(r"전체|전부|모든|다\s*보여|all\b", re.I)


def _tool_arg_names(tool: Any) -> tuple[str, set[str]]:
    if isinstance(tool, dict):  # OpenAI tool schema
        fn = tool.get("function", tool)
        return fn["name"], set(fn.get("parameters", {}).get("properties", {}))
    schema = tool.tool_call_schema
    props = schema.model_json_schema().get("properties", {}) if hasattr(schema, "model_json_schema") else schema.get("properties", {})
    return tool.name, set(props)


def _same_capability(tool: str, other: str) -> bool:
    """Both tools share a capability prefix ("sales_report" and "sales_export")."""
    return tool.split("_", 1)[0] == other.split("_", 1)[0]


def _previous_call(history: Sequence[BaseMessage]) -> dict | None:
    for message in reversed(history):
        if isinstance(message, AIMessage) and message.tool_calls:
            return message.tool_calls[-1]
    return None


def _last_table(history: Sequence[BaseMessage], tool: str) -> dict | None:
    """The latest call of `tool`'s capability that chose a grouping: the table a chart or an
    export after it refers to ("거래처별" → "차트로" → "엑셀로 줘" exports the account table)."""
    for message in reversed(history):
        if isinstance(message, AIMessage):
            for call in reversed(message.tool_calls):
                if _same_capability(call["name"], tool) and call["args"].get("group_by"):
                    return call
    return None


class OfflineRouterModel(BaseChatModel):
    """Embedded router: intent classifier + slot filler behind the chat-model interface."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    classifier: IntentClassifier
    slot_filler: SlotFiller
    today_fn: Callable[[], Any]
    _spec_cache: dict = PrivateAttr(default_factory=dict)

    @property
    def _llm_type(self) -> str:
        return "medrep-offline-router"

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any):
        key = tuple(id(t) for t in tools)
        specs = self._spec_cache.get(key)
        if specs is None:
            specs = dict(_tool_arg_names(t) for t in tools)
            self._spec_cache[key] = specs
        return self.bind(tool_specs=specs)

    # --- the two steps of a turn -------------------------------------------------------

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: Any = None, tool_specs: dict[str, set[str]] | None = None,
                  **kwargs: Any) -> ChatResult:
        specs = tool_specs or {}
        human_idx = max((i for i, m in enumerate(messages) if isinstance(m, HumanMessage)), default=-1)
        this_turn = messages[human_idx + 1:]
        tool_results = [m for m in this_turn if isinstance(m, ToolMessage)]
        if tool_results:
            message = AIMessage(content=compose_answer(tool_results))
        elif human_idx < 0:
            message = AIMessage(content=help_text(specs))
        else:
            message = self.route(str(messages[human_idx].content), messages[:human_idx], specs)
        return ChatResult(generations=[ChatGeneration(message=message)])

    def decide(self, text: str, history: Sequence[BaseMessage] = ()) -> tuple[str, dict]:
        """(tool or pseudo-intent, args) for `text` given the thread's earlier messages."""
        focus = negation_focus(text)
        prediction = self.classifier.predict(focus)
        slots = self.slot_filler.extract(focus)
        if focus != text and not slots.period:  # "지난달 차트 말고 표로": the period said before 말고
            whole = self.slot_filler.extract(text)
            slots.period, slots.last_year_same = whole.period, whole.last_year_same
        previous = _previous_call(history)
        intent = prediction.intent
        if intent == FOLLOWUP and previous is None:
            intent = next((i for i, _ in prediction.ranked if i not in PSEUDO_INTENTS), SMALLTALK)
        if intent in (FOLLOWUP, SMALLTALK, OUT_OF_SCOPE) and (ranked := self._superlative(text, previous)):
            return ranked
        if intent == FOLLOWUP:
            return previous["name"], self._merge(previous["name"], dict(previous["args"]), slots)
        if intent == OUT_OF_SCOPE and not (previous is not None and FOLLOWUP_CUE.search(text)):
            return SMALLTALK, {REPLY: OUT_OF_SCOPE}
        if intent == OUT_OF_SCOPE:  # a cued follow-up the classifier did not recognise
            return previous["name"], self._merge(previous["name"], dict(previous["args"]), slots)
        if prediction.confidence < MIN_CONFIDENCE and previous is None:
            return SMALLTALK, {}
        if previous is None and intent not in PSEUDO_INTENTS and prediction.confidence < CLARIFY_BELOW:
            tools = [i for i, _ in prediction.ranked if i not in PSEUDO_INTENTS]
            if len(tools) >= 2:
                return SMALLTALK, {REPLY: "clarify", "candidates": tools[:2]}
        if intent not in PSEUDO_INTENTS:
            intent = redirected(intent, focus)
        args = build_args(intent, slots)
        if "channel" in args and BOTH_CHANNELS.search(focus):
            args.pop("channel")
        if previous is not None and intent != SMALLTALK:
            cued = bool(FOLLOWUP_CUE.search(text))
            if cued and intent == previous["name"]:
                return intent, self._merge(intent, dict(previous["args"]), slots)
            if cued or _same_capability(intent, previous["name"]):
                carried = self._inherited(previous, slots)
                table = _last_table(history, intent) if "group_by" not in carried else None
                if table is not None and not RESET_FILTERS.search(slots.text):
                    carried.setdefault("group_by", table["args"]["group_by"])
                args = followup_args(intent, previous, {**carried, **args}, slots)
        return intent, self._period(args, slots, None)

    @staticmethod
    def _superlative(text: str, previous: dict | None) -> tuple[str, dict] | None:
        """"제일 낮은 사람은 누구야?", "1등은?" right after a grouped report: its top (or bottom)
        row, when the classifier saw no request of its own in so short a question."""
        if (previous is None or not previous["args"].get("group_by") or not ranks_rows(previous["name"])
                or len(text) > 30 or not SUPERLATIVE.search(text)):
            return None
        args = {k: v for k, v in previous["args"].items() if k not in ("top_n", "order")}
        return previous["name"], {**args, "top_n": 1, "order": "asc" if LOWEST.search(text) else "desc"}

    def _inherited(self, previous: dict, slots: Slots) -> dict:
        """What a follow-up keeps from the call before it: the period and the filters (unless
        the new turn names its own, or says 전체), not the previous tool's own switches."""
        dropped = not_inherited(previous["name"])
        carried = {k: v for k, v in previous["args"].items() if k not in dropped}
        if slots.period:
            carried.pop("period", None)
        if RESET_FILTERS.search(slots.text):
            carried = {k: v for k, v in carried.items() if k == "period"}
        return carried

    def _merge(self, tool: str, base: dict, slots: Slots) -> dict:
        defaults = build_args(tool, Slots(text=""))
        new = {k: v for k, v in build_args(tool, slots).items() if defaults.get(k) != v}
        return self._period({**base, **new}, slots, base.get("period"))

    def _period(self, args: dict, slots: Slots, previous_period: str | None) -> dict:
        """"작년 같은 기간" becomes the explicit months one year before the period in force."""
        if slots.last_year_same and "period" in args:
            try:
                shifted = parse_period(args["period"], self.today_fn(), reference=previous_period)
            except ValueError:
                return args
            args["period"] = f"{shifted.start:%Y-%m}~{shifted.end:%Y-%m}"
        return args

    def _conjunction(self, text: str) -> list[str]:
        """[head, tail] when "A이랑 B" asks two different tools with confidence, else [text]."""
        for head, tail in conjunction_splits(text):
            a, b = self.classifier.predict(negation_focus(head)), self.classifier.predict(negation_focus(tail))
            if (a.intent != b.intent and a.intent not in PSEUDO_INTENTS and b.intent not in PSEUDO_INTENTS
                    and min(a.confidence, b.confidence) >= SPLIT_CONFIDENCE):
                return [head, tail]
        return [text]

    def route(self, text: str, history: Sequence[BaseMessage], specs: dict[str, set[str]]) -> AIMessage:
        claimed = claimed_by(text)
        if claimed in specs:  # the manifest's own hints still fill what they can (a page form's title, body)
            return AIMessage(content="", tool_calls=[_call(claimed, build_args(claimed, self.slot_filler.extract(text)))])
        requests = split_requests(text)
        if len(requests) == 1:
            requests = self._conjunction(text)
        if len(requests) > 1:
            calls = self._several(requests, history, specs)
            if len(calls) > 1:
                return AIMessage(content="", tool_calls=calls)
        intent, args = self.decide(text, history)
        if intent in (SMALLTALK, FOLLOWUP):
            if args.get(REPLY) == OUT_OF_SCOPE:
                return AIMessage(content=out_of_scope_text(specs, company_named(text)))
            if args.get(REPLY) == "clarify":
                return AIMessage(content=clarify_text(args["candidates"]))
            return AIMessage(content=smalltalk_text(text, specs))
        if intent not in specs:
            return AIMessage(content=unavailable_text(intent))
        args = _accepted(args, specs[intent])
        question = missing_question(intent, args)
        if question:
            return AIMessage(content=question)
        return AIMessage(content="", tool_calls=[_call(intent, args)])

    def _several(self, requests: list[str], history: Sequence[BaseMessage],
                 specs: dict[str, set[str]]) -> list[dict]:
        """One call per request that routes to an installed tool with all it needs; a request
        without its own period takes the one said earlier in the same question."""
        calls: list[dict] = []
        period = None
        shared: dict = {}
        for request in requests:
            intent, args = self.decide(request, history)
            if intent not in specs:
                continue
            args = _accepted(args, specs[intent])
            args = {**{k: v for k, v in shared.items() if k in specs[intent]}, **args}
            said = self.slot_filler.extract(request).entities
            shared.update({k: said[k] for k in SHARED_FILTERS if said.get(k)})
            if "period" in specs[intent]:
                if "period" in args:
                    period = args["period"]
                elif period:
                    args["period"] = period
            if missing_question(intent, args) is None and all(
                    (c["name"], c["args"]) != (intent, args) for c in calls):
                calls.append(_call(intent, args))
        return calls


def _accepted(args: dict, accepted: set[str]) -> dict:
    return {k: v for k, v in args.items() if k in accepted and v not in (None, "")}


def _call(name: str, args: dict) -> dict:
    return {"name": name, "args": args, "id": f"call_{uuid.uuid4().hex[:12]}", "type": "tool_call"}
