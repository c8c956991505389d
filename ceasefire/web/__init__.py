"""The HTTP API and the web dashboard (``ceasefire serve``)."""
