"""Extraction: the stages that turn one report into a document record (see ``pipeline.py``).

A family of stages with several modules is a subpackage: ``places`` (gazetteer and geoparsing),
``actors`` (states, groups, organisations, people), ``events``, ``casualties``, ``diplomacy``
(agreements and talks) and ``attribution`` (quotes and their speakers). Word lists live in
:data:`DATA`, the models ``make train`` builds in :data:`MODELS`, their training code in ``training``.
"""

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
MODELS = Path(__file__).resolve().parent / "models"
