"""Charts for notebook 00: what the corpus holds and how large each compared text is.

Both work for any number of texts: labels and colours come from the manifest in force, and a
text the label table does not know is shown under its id rather than failing.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from analysis import corpus, tokens
from analysis.charts import (
    OTHER_COLOUR,
    WIDTH,
    FigureSpec,
    count_words,
    finish,
    text_colours,
    text_labels,
)

#: Legend entry for segments outside every compared text.
NOT_COMPARED = "not compared by default"


def _label_of(column: str, labels: dict[str, str], default: str | None = None) -> pl.Expr:
    """Map text ids to labels; unknown ids keep their id (or ``default``), never an error."""
    fallback = pl.col(column) if default is None else pl.lit(default)
    return pl.col(column).replace_strict(labels, default=fallback, return_dtype=pl.String)


def corpus_composition(segments: pl.DataFrame) -> pl.DataFrame:
    """Characters and segments per (source, document, role), with primary-text membership."""
    order = {s: i for i, s in enumerate(segments["source_id"].unique(maintain_order=True))}
    return (
        segments.group_by("source_id", "doc_id", "role", "speaker", "text_id", maintain_order=True)
        .agg(
            pl.len().alias("segments"),
            (pl.col("end") - pl.col("start")).sum().alias("characters"),
            pl.col("order").min().alias("first"),
        )
        .with_columns(
            pl.col("source_id").replace_strict(order).alias("_source"),
            _label_of("text_id", text_labels(), NOT_COMPARED).alias("text"),
            # roles are manifest codes (``petition_preamble``): shown as words
            pl.format("{} · {}", "doc_id", pl.col("role").str.replace_all("_", " ")).alias("part"),
        )
        .sort("_source", "first")
        .drop("_source")
    )


def composition_description(composition: pl.DataFrame) -> str:
    """The chart's accessible description: which parts feed which text, which stay grey."""
    n_files = composition["source_id"].n_unique()
    compared = composition.filter(pl.col("text") != NOT_COMPARED)
    parts = [
        f"{label}: {', '.join(r.replace('_', ' ') for r in roles)}"
        for label, roles in compared.group_by("text", maintain_order=True)
        .agg(pl.col("role").unique(maintain_order=True))
        .iter_rows()
    ]
    grey = composition.filter(pl.col("text") == NOT_COMPARED)["role"].unique(maintain_order=True)
    return (
        f"Bar chart of characters per document part in each of the {count_words(n_files, 'raw file')}. "
        f"The parts of the {count_words(len(parts), 'compared text')} are coloured by text "
        f"({'; '.join(parts)})"
        + (
            f"; the other parts ({', '.join(r.replace('_', ' ') for r in grey)}) are grey."
            if len(grey)
            else "."
        )
    )


def textplot_composition(composition: pl.DataFrame) -> alt.Chart:
    """Horizontal bars: characters per document part, coloured by the primary text it feeds."""
    domain = [*text_labels().values(), NOT_COMPARED]
    colours = [*text_colours().values(), OTHER_COLOUR]
    chart = (
        # roles are manifest codes (``petition_preamble``): the tooltip shows them as words
        alt.Chart(
            composition.with_columns(pl.col("role").str.replace_all("_", " ").alias("role_label"))
        )
        .mark_bar()
        .encode(
            y=alt.Y(
                "part:N",
                sort=composition["part"].to_list(),
                title="Document · role",
                axis=alt.Axis(labelLimit=0),
            ),
            x=alt.X("characters:Q", title="Characters in the raw file"),
            color=alt.Color(
                "text:N", title="Primary text", scale=alt.Scale(domain=domain, range=colours)
            ),
            row=alt.Row(
                "source_id:N",
                title=None,
                sort=composition["source_id"].unique(maintain_order=True).to_list(),
                header=alt.Header(labelAngle=0, labelAlign="left", labelFontWeight="bold"),
            ),
            tooltip=[
                alt.Tooltip("source_id:N", title="Source"),
                alt.Tooltip("doc_id:N", title="Document"),
                alt.Tooltip("role_label:N", title="Role"),
                alt.Tooltip("speaker:N", title="Speaker"),
                alt.Tooltip("segments:Q", title="Segments"),
                alt.Tooltip("characters:Q", title="Characters", format=","),
            ],
        )
        .resolve_scale(y="independent")
        .properties(width=WIDTH - 260)
    )
    return finish(
        chart,
        title="What each raw page holds",
        subtitle="Segments by document and role; grey parts stay out of default comparisons",
        description=composition_description(composition),
    )


def textplot_text_sizes(summary: pl.DataFrame) -> alt.Chart:
    """Bars of word tokens per compared text, labelled with sentence counts."""
    labels = text_labels()
    data = summary.with_columns(
        _label_of("text_id", labels).alias("text"),
        pl.format("{} sentences", "n_sentences").alias("label"),
    )
    # Texts in the summary the manifest does not list keep their id and a neutral colour.
    extra = [t for t in data["text"].to_list() if t not in labels.values()]
    domain = [*labels.values(), *extra]
    base = alt.Chart(data).encode(
        y=alt.Y("text:N", sort=domain, title=None),
        x=alt.X("n_word_tokens:Q", title="Word tokens"),
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "text:N",
            scale=alt.Scale(
                domain=domain, range=[*text_colours().values(), *[OTHER_COLOUR] * len(extra)]
            ),
            legend=None,
        ),
        tooltip=["text", "n_sentences", "n_tokens", "n_word_tokens", "n_word_types"],
    )
    labels_layer = base.mark_text(align="left", dx=4).encode(text="label:N")
    return finish(
        (bars + labels_layer).properties(width=WIDTH - 120, height=max(110, 28 * len(domain))),
        title=f"Size of the {count_words(data.height, 'primary text')}",
        description="Bar chart of word tokens per primary text (the unit of every rate), "
        "labelled with the number of sentences in each.",
    )


def FIGURES() -> list[FigureSpec]:  # noqa: N802 - the registry's name for a module's figures
    """The corpus figures for the corpus in force (captions count its texts)."""
    n = len(corpus.text_ids())
    return [
        FigureSpec(
            name="corpus-composition",
            build=lambda: textplot_composition(corpus_composition(corpus.corpus_segments())),
            caption="Characters per document part in each raw page; the "
            f"{count_words(n, 'primary text')} in colour.",
            notebook="00-corpus",
        ),
        FigureSpec(
            name="corpus-text-sizes",
            build=lambda: textplot_text_sizes(
                tokens.textstat_summary(tokens.corpus_tokens(), tokens.corpus_sentences())
            ),
            caption="Word tokens and sentences in each primary text.",
            notebook="00-corpus",
        ),
    ]
