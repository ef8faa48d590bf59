"""Plain Activity JSON ↔ botbuilder's Activity model (entities kept verbatim)."""

from __future__ import annotations

from botbuilder.schema import Activity, Entity


class RawEntity(Entity):
    """An entity serialized exactly as given (streaminfo, schema.org Message, citations…)."""

    def __init__(self, data: dict):
        super().__init__(type=data.get("type"))
        self._attribute_map = {f"f{i}": {"key": key, "type": "object"} for i, key in enumerate(data)}
        for i, value in enumerate(data.values()):
            setattr(self, f"f{i}", value)


def to_activity(payload: dict) -> Activity:
    payload = dict(payload)
    entities = payload.pop("entities", None)
    activity = Activity().deserialize(payload)
    if entities:
        activity.entities = [RawEntity(e) for e in entities]
    return activity
