"""Measures: each takes frames (tokens, sentences, segments) and returns frames.

The default corpus is only a default argument. Modules: :mod:`~analysis.measures.keyness`
(counts, keyness, similarity), :mod:`~analysis.measures.terminology`,
:mod:`~analysis.measures.framing`, :mod:`~analysis.measures.stance`,
:mod:`~analysis.measures.sentiment`, :mod:`~analysis.measures.style` (readability, lexical
diversity) and :mod:`~analysis.measures.demands` (extraction, response, alignment,
responsiveness).
"""
