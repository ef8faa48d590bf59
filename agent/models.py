"""Which chat model the agent runs: ChatOpenAI for any OpenAI-compatible endpoint when a key
is configured, otherwise the embedded offline router."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from langchain_core.language_models.chat_models import BaseChatModel

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

OFFLINE_BACKEND = "offline-router"


def backend_name(model: BaseChatModel) -> str:
    if getattr(model, "_llm_type", "") == "medrep-offline-router":
        return OFFLINE_BACKEND
    name = getattr(model, "model_name", None) or getattr(model, "model", None) or type(model).__name__
    return f"openai:{name}"[:40]


def openai_model(app: "AppContext") -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    s = app.settings
    kwargs: dict[str, Any] = {"model": s.medrep_llm_model, "api_key": s.openai_api_key,
                              "temperature": 0, "timeout": 60, "max_retries": 1}
    if s.openai_base_url:
        kwargs["base_url"] = s.openai_base_url
    return ChatOpenAI(**kwargs)


def offline_router(app: "AppContext") -> BaseChatModel:
    from agent.router.model import OfflineRouterModel
    from agent.router.nlu import IntentClassifier
    from agent.router.slots import SlotFiller
    from tools.common.entities import vocabulary

    from tools.registry import tool_specs

    examples = [(text, spec.name) for _, spec in tool_specs() for text in spec.examples]
    with app.session() as session:
        vocab = vocabulary(session)
    slot_filler = SlotFiller(vocab)
    classifier = IntentClassifier.load_or_train(app.settings.home / "agent", extra=examples, masker=slot_filler.masker)
    return OfflineRouterModel(classifier=classifier, slot_filler=slot_filler, today_fn=app.today)


def default_model(app: "AppContext") -> BaseChatModel:
    return openai_model(app) if app.settings.llm_enabled else offline_router(app)
