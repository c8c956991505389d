"""PLACEHOLDER — being written."""

from ceasefire.extraction.report import Report


def extract_agreements(report: Report) -> None:
    return None
