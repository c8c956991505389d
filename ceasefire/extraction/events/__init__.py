"""Incidents of political violence and protest, typed with the ACLED taxonomy.

``stage`` runs the family over a report: ``triggers`` finds the words that name an incident and drops
talk that is not one, ``classifier`` (a model ``make train`` builds) reads what each sentence reports,
``reading`` lets it overrule or add to the triggers, ``fields`` reads each incident's date and actors,
``placing`` its place, and ``merging`` joins the mentions of one incident across the report.
"""
