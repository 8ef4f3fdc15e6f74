"""The corpus layer: manifest, page parsers, segments, texts and pairs.

Typical use::

    from analysis import corpus
    segments = corpus.corpus_segments()             # every segment, compared or not
    primary = corpus.corpus_segments(primary=True)  # the compared texts, in manifest order
    corpus.text_ids(), corpus.text_labels(), corpus.text_colours(), corpus.corpus_pairs()

Modules: :mod:`~analysis.corpus.manifest` (read and validate ``data/corpus.toml``),
:mod:`~analysis.corpus.rawfiles` (where raw files live, size limits, reading them),
:mod:`~analysis.corpus.segments` (cut sources into segments), :mod:`~analysis.corpus.texts`
(texts, order, labels, colours, pairs), :mod:`~analysis.corpus.record` (petition records),
:mod:`~analysis.corpus.parsers` (page parsers), :mod:`~analysis.corpus.edit` (``discourse add`` /
``remove``).
"""

from analysis.corpus.manifest import (
    Document,
    Manifest,
    Pair,
    Rule,
    Source,
    Text,
    load_manifest,
    manifest,
    parse_manifest,
    raw_path,
    raw_text,
    read_source,
    sha256_file,
    shown_path,
)
from analysis.corpus.record import petition_record, petition_records
from analysis.corpus.segments import (
    corpus_documents,
    corpus_segments,
    corpus_sources,
    segment_source,
    source_segments,
)
from analysis.corpus.texts import (
    PALETTE,
    PALETTE_NOTE,
    advocacy_text_ids,
    corpus_pairs,
    corpus_texts,
    order_by_text,
    response_for,
    response_text_ids,
    text_colours,
    text_ids,
    text_labels,
    text_names,
    text_pairs,
    texts,
    texts_in,
)

__all__ = [
    "PALETTE",
    "PALETTE_NOTE",
    "Document",
    "Manifest",
    "Pair",
    "Rule",
    "Source",
    "Text",
    "advocacy_text_ids",
    "clear_caches",
    "corpus_documents",
    "corpus_pairs",
    "corpus_segments",
    "corpus_sources",
    "corpus_texts",
    "load_manifest",
    "manifest",
    "order_by_text",
    "parse_manifest",
    "petition_record",
    "petition_records",
    "raw_path",
    "raw_text",
    "read_source",
    "response_for",
    "response_text_ids",
    "segment_source",
    "sha256_file",
    "shown_path",
    "source_segments",
    "text_colours",
    "text_ids",
    "text_labels",
    "text_names",
    "text_pairs",
    "texts",
    "texts_in",
]


def clear_caches() -> None:
    """Forget every parsed manifest, raw text and segment table (e.g. after the manifest changed)."""
    import sys

    # The package re-exports functions named like its modules (manifest): look modules up.
    manifest_module = sys.modules["analysis.corpus.manifest"]
    manifest_module._default_manifest.cache_clear()
    sys.modules["analysis.corpus.rawfiles"]._raw_text_cached.cache_clear()
    sys.modules["analysis.corpus.segments"]._segments_cached.cache_clear()
