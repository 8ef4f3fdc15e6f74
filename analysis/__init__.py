"""Comparative discourse analysis suite.

The package computes everything the notebooks show: the corpus and its segments
(:mod:`analysis.corpus`), tokens and sentences with character offsets
(:mod:`analysis.tokens`), offline language data (:mod:`analysis.resources`), and the
analyses built on them. Notebooks only orchestrate and explain.
"""

__version__ = "0.1.0"
