"""PLACEHOLDER — being written."""

from ceasefire.extraction.report import Report


def resolve_dates(report: Report) -> None:
    return None
