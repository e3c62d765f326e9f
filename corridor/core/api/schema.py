"""OpenAPI generation tweaks shared by every module.

Operations declare their serializers as nested ``InputSerializer`` / ``OutputSerializer``
classes (one class per operation). drf-spectacular would name all of them "Input" and
"Output" and merge them into one component; we prefix the operation's class name instead.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema


class CorridorAutoSchema(AutoSchema):
    def _get_serializer_name(self, serializer: Any, direction: str, bypass_extensions: bool = False) -> str:
        name = super()._get_serializer_name(serializer, direction, bypass_extensions)
        cls = serializer if isinstance(serializer, type) else type(serializer)
        outer = cls.__qualname__.rpartition(".")[0]
        if outer and "<locals>" not in outer:
            return f"{outer.split('.')[-1].removesuffix('Api')}{name}"
        return name
