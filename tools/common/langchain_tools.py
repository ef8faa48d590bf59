"""A declared tool (ToolSpec) as a LangChain tool: the schema the model sees is the spec's
argument model; the runtime-injected `ToolContext` carries the caller (never the model)."""

from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime
from langchain_core.tools import StructuredTool
from pydantic import ValidationError

from tools.common.contract import CapabilitySpec, ToolSpec
from tools.common.plumbing import korean_validation_message, run_spec


def build_tool(cap: CapabilitySpec, spec: ToolSpec) -> StructuredTool:
    def call(runtime: ToolRuntime, **kwargs: Any) -> tuple[str, Any]:
        output = run_spec(cap.package, spec, runtime.context, kwargs)
        return output.summary, output

    def call_without_args(runtime: ToolRuntime) -> tuple[str, Any]:
        return call(runtime)

    def invalid(exc: ValidationError) -> str:
        return korean_validation_message(spec, exc)

    if not spec.args.model_fields:
        # langchain-core calls a tool whose schema has no fields with no arguments at all,
        # which would drop the injected runtime: let it infer the schema from the signature.
        return StructuredTool.from_function(
            func=call_without_args, name=spec.name, description=spec.description,
            response_format="content_and_artifact",
        )
    return StructuredTool.from_function(
        func=call, name=spec.name, description=spec.description, args_schema=spec.args,
        response_format="content_and_artifact", handle_validation_error=invalid,
    )
