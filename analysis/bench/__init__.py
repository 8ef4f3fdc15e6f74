"""Benchmarks: a deterministic scale corpus, baselines, and the reference implementations.

The reference implementations are the suite's earlier, straightforward versions of its hot
paths, kept so that tests can check the fast versions return identical results and
``discourse bench`` can show how much faster they are.
"""
