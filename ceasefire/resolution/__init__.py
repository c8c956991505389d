"""Cross-report resolution: many document records in, one record of incidents, agreements and talks out."""
