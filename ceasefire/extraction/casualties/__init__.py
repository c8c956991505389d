"""Casualty figures: every toll a report gives, one entry per figure as one claimant states it.

``stage`` finds the figures, ``claims`` who states each, ``sources`` whom a source phrase stands for
and ``victims`` whose dead and wounded they are.
"""
