"""Extraction: the stages that turn one report into a document record (see ``pipeline.py``)."""
