"""Agreements and talks rounds a report speaks of.

``context`` holds what both stages read once per report (sentences, mediators, the main sides),
``facts`` where and when an agreement or round was made; ``agreement_mentions`` and ``agreements``
find and merge the agreements, ``talk_days`` and ``talks`` the rounds of talks.
"""
