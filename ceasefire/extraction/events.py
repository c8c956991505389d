"""PLACEHOLDER — being written."""

from ceasefire.extraction.report import Report


def extract_events(report: Report) -> None:
    return None
