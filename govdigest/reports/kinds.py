"""The charts there are (a plain module: naming them must not import matplotlib)."""

from __future__ import annotations

from typing import Literal

ChartKind = Literal["missions", "organisations", "flows"]
CHART_KINDS: tuple[ChartKind, ...] = ("missions", "organisations", "flows")
