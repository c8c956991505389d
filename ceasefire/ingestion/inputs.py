"""One report as it enters the system, before extraction."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ReportInput:
    text: str
    id: str | None = None
    published: str | None = None  # ISO date, "YYYY-MM-DD"
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
