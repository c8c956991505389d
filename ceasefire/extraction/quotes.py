"""PLACEHOLDER — being written."""

from ceasefire.extraction.report import Report


def extract_quotes(report: Report) -> None:
    return None
