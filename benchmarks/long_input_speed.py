"""Extraction time of one report that runs on for thousands of words without a full stop or without a line break
(a table pasted as text, a scrape gone wrong), at growing lengths: the time should grow with the length, not
with its square.

Prints, for each length, the seconds the whole pipeline takes and the seconds per 10,000 characters. The text
is made of phrases written for this benchmark, drawn at random with a fixed seed.

    .venv/bin/python benchmarks/long_input_speed.py [--phrases 200 1000 4000]
"""

from __future__ import annotations

import argparse
import random
import time

PHRASES = [
    "Soldiers killed 44 people, including 20 children, in Tondi village, and 179 people in Kobadie",
    "three in A, two in B, and one in C",
    "and seven other people in another village",
    "A man and a woman and a boy and his father were killed",
    "Ali Musa and Omar Said and Ahmed Ali were shot dead",
    "In a statement posted online, the front said",
    "The village of Tondi lies in Niger's south",
    ", , , and and in in at at",
    "12 March 2025 14:00 GMT 3,500 dollars 45 percent",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phrases", type=int, nargs="+", default=[200, 1000, 4000])
    args = parser.parse_args()
    from ceasefire import default_extractor

    extractor = default_extractor()
    for shape, joint in (("no full stop", " "), ("one line of sentences", ". ")):
        for count in args.phrases:
            rng = random.Random(1)
            text = joint.join(rng.choice(PHRASES) for _ in range(count)) + "."
            started = time.perf_counter()
            extractor.extract(text, published="2025-01-01")
            seconds = time.perf_counter() - started
            print(f"{len(text):>9,} characters, {shape}: {seconds:6.1f} s ({seconds / len(text) * 10_000:.2f} s per "
                  f"10,000 characters)", flush=True)


if __name__ == "__main__":
    main()
