"""Getting reports in: reading files and JSON Lines into :class:`ReportInput` objects."""
