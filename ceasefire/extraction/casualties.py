"""PLACEHOLDER — being written."""

from ceasefire.extraction.report import Report


def extract_casualties(report: Report) -> None:
    return None
