"""The scenario and the accounts the mechanism tests use (one of each role)."""

from pathlib import Path

SCENARIO = Path(__file__).parents[1] / "analysis" / "truces" / "b-border-truce"
PASSWORD = "a long enough password"
ACCOUNTS = {"kg": ("liaison", "Kyrgyzstan"), "tj": ("liaison", "Tajikistan"), "monitor": ("monitor", None),
            "chair": ("chair", None), "observer": ("observer", None)}
