"""Geoparsing: ``stage`` finds the places a report names and pins each to a ``gazetteer`` entry (an SQLite
index built once by ``gazetteer_store``); ``unlisted`` places villages the gazetteer lacks by what
the text says of them."""
