"""PLACEHOLDER — being written."""

from ceasefire.extraction.gazetteer import Gazetteer
from ceasefire.extraction.report import Report


def locate_places(report: Report, gazetteer: Gazetteer) -> None:
    return None
