"""The OpenAPI spec's declarations that depend on the store: the range of dates it holds."""

from __future__ import annotations

import copy
from typing import Any

from fastapi import FastAPI

from rotoscope.web._service import Service

__all__ = ["FACT_ID_PATTERN", "dated_openapi"]

#: A fact id: its kind and key, then ``@`` and the session it is computed for.
FACT_ID_PATTERN = r"^[^@]+@\d{4}-\d{2}-\d{2}$"


def _bound_dates(node: Any, first: str, last: str) -> None:
    """Give every date schema under ``node`` the store's first and last date."""
    if isinstance(node, dict):
        if node.get("type") == "string" and node.get("format") == "date":
            node["formatMinimum"] = first
            node["formatMaximum"] = last
        for value in node.values():
            _bound_dates(value, first, last)
    elif isinstance(node, list):
        for value in node:
            _bound_dates(value, first, last)


def dated_openapi(app: FastAPI, service: Service) -> None:
    """Make ``app``'s spec declare the date range of the store it serves.

    Every date a request may carry (query parameters and the ``as_of`` of the
    check and ask bodies) gets ``formatMinimum`` and ``formatMaximum``, the
    store's first and last session, and says so in words. The spec is made
    again when the store is rebuilt.
    """
    plain = app.openapi
    made: dict[str, dict[str, Any]] = {}

    def openapi() -> dict[str, Any]:
        key = service.fingerprint
        if key not in made:
            spec = copy.deepcopy(plain())
            first, last = service.first.isoformat(), service.last.isoformat()
            words = f" The store holds sessions from {first} to {last}."
            for operation in (op for item in spec.get("paths", {}).values()
                              for op in item.values() if isinstance(op, dict)):
                for param in operation.get("parameters", []):
                    before = str(param.get("schema", {}))
                    _bound_dates(param.get("schema"), first, last)
                    if str(param.get("schema", {})) != before:
                        param["description"] = param.get("description", "") + words
            schemas = spec.get("components", {}).get("schemas", {})
            for name in ("CheckRequest", "AskRequest"):
                as_of = schemas.get(name, {}).get("properties", {}).get("as_of")
                if as_of is not None:
                    _bound_dates(as_of, first, last)
                    as_of["description"] = as_of.get("description", "") + words
            made.clear()
            made[key] = spec
        return made[key]

    app.openapi = openapi  # type: ignore[method-assign]
