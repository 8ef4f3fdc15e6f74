"""Corpus tier: values pinned on the default corpus (data/corpus.toml)."""
