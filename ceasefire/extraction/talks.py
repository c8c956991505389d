"""PLACEHOLDER — being written."""

from ceasefire.extraction.report import Report


def extract_talks(report: Report) -> None:
    return None
