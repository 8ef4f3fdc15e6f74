"""Charts for notebook 01: terminology heatmaps, keyness and similarity, and its figure list.

Every builder takes a polars frame from :mod:`analysis.terminology` or :mod:`analysis.keyness`
and returns a chart finished with :func:`analysis.charts.finish`; the ``*_data`` functions take
the token and segment frames (default: the corpus in force). The naming-choices chart lives in
:mod:`analysis.charts.naming` and the dispersion x-ray in :mod:`analysis.charts.dispersion`.
``FIGURES`` is a function: it lists every figure notebook 01 shows for the corpus in force
(those two included, in the notebook's order), one keyness figure per text
(``keyness-<text_id>``); each ``build`` computes from the corpus. Titles and descriptions name
the texts from the data (``corpus.text_names()``), and layouts grow with the number of texts.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from analysis import corpus, prose
from analysis.charts import (
    OTHER_COLOUR,
    WIDTH,
    FigureSpec,
    finish,
    text_colours,
    text_labels,
    with_text_labels,
)
from analysis.charts import dispersion as dispersion_chart
from analysis.charts import labels as chart_labels
from analysis.charts import naming as naming_chart
from analysis.charts.links import (
    KWIC_HREF_COLUMN,
    kwic_href_encoding,
    with_kwic_href,
)
from analysis.measures import keyness, naming, terminology

#: Up to this many texts, text columns keep the compact layout of a three-text corpus; beyond
#: it, columns get a fixed step and slanted labels so five to nine texts stay readable.
COMPACT_TEXTS = 4

NOTEBOOK = "01-terminology"

_LEXICON_TITLES = {
    "referent-variants": "referents (places, states, actors, institutions)",
    "event-labels": "labels for events, acts and actors",
    "principles": "principles and legal anchors",
}


def _others(n: int) -> str:
    """The pooled reference of keyness in words: ``Other two texts``, ``Other text``."""
    return "Other text" if n == 1 else f"Other {prose.number_word(n)} texts"


# --- terminology heatmap --------------------------------------------------------------------


#: Heatmap rows per lexicon. A referent's variants are what the naming analysis compares, so
#: each variant is a row; a label or a principle is one row whatever its forms (the lexicon's
#: ``label``/``principle`` column groups them: "ethnic cleansing" and "ethnically cleans*").
HEATMAP_LEVEL = {"referent-variants": "form", "event-labels": "concept", "principles": "concept"}

#: What one row of a pooled heatmap is, in words (the lexicon's grouping column).
LEXICONS_COLUMN = {name: column for name, (column, _) in terminology.LEXICONS.items()}


def terminology_heatmap_data(
    lexicon: str,
    *,
    level: str | None = None,
    toks: pl.DataFrame | None = None,
    segments: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Rows of one lexicon used at least once in the texts, with counts and rates per text.

    Args:
        lexicon: a terminology lexicon name.
        level: ``"form"`` (one row per variant, ``concept · form``) or ``"concept"`` (one row
            per label or principle, its forms pooled); default :data:`HEATMAP_LEVEL`.
        toks, segments: the frames to count in (default: the corpus in force).

    Returns:
        ``row, text, text_id, concept, category, form, n, rate, n_words …``; at concept level
        ``form`` lists the forms each text uses with their counts (``ethnic cleansing ×1``).
    """
    level = level or HEATMAP_LEVEL.get(lexicon, "form")
    terms = terminology.textstat_terms(lexicon, level="form", toks=toks, segments=segments)
    if level == "concept":
        forms = (
            terms.filter(pl.col("n") > 0)
            .with_columns(pl.format("{} ×{}", "form", "n").alias("_cell"))
            .group_by("unit", "concept", maintain_order=True)
            .agg(pl.col("_cell").str.join("; ").alias("form"))
        )
        terms = terminology.textstat_terms(
            lexicon, level="concept", toks=toks, segments=segments
        ).join(forms, on=["unit", "concept"], how="left", maintain_order="left")
        terms = terms.with_columns(pl.col("form").fill_null(""))
    keys = ["concept", "form"] if level == "form" else ["concept"]
    used = terms.group_by(keys).agg(pl.col("n").sum().alias("_total")).filter(pl.col("_total") > 0)
    data = terms.join(used.select(keys).unique(), on=keys, how="semi", maintain_order="left")
    same = (
        pl.col("form").str.strip_chars_end("*").str.to_lowercase()
        == pl.col("concept").str.to_lowercase()
    )
    row = pl.col("concept") if level == "concept" else pl.when(same).then(pl.col("concept"))
    if level == "form":
        # a referent variant the suite maps onto its own name is marked († and the tooltip)
        data = naming.with_variant_kinds(data) if lexicon == "referent-variants" else data
        shown = "shown" if "shown" in data.columns else "form"
        row = row.otherwise(pl.format("{} · {}", "concept", shown))
        if shown == "shown":
            row = pl.when(pl.col("mapped") & same).then(pl.col("shown")).otherwise(row)
    data = data.with_columns(row.alias("row"))
    data = corpus.order_by_text(data, "category", "concept", "form")
    return with_text_labels(data)


#: Where on d3's "blues" scheme the lightest used cell starts, so it never looks like an
#: unused (grey) cell.
SHADE_FROM = 0.15


def shade_domain(data: pl.DataFrame) -> tuple[float, float]:
    """The rate domain of a heatmap's shade: the lowest and highest rate of a used cell (count
    > 0); ``(0, 1)`` when no cell is used, and from 0 when every used cell has one rate."""
    used = data.filter(pl.col("n") > 0)["rate"] if data.height else pl.Series([], dtype=pl.Float64)
    if used.is_empty():
        return 0.0, 1.0
    low, top = float(used.min()), float(used.max())
    return (low, top) if top > low else (0.0, top if top > 0 else 1.0)


def textplot_terminology_heatmap(data: pl.DataFrame, *, lexicon: str = "referent-variants"):
    """Heatmap: concept · variant (rows) × text (columns), coloured by rate per 1,000 words.

    Args:
        data: from :func:`terminology_heatmap_data` (``row, text, n, rate, concept, form,
            category, n_words``).
        lexicon: the lexicon's name, for the title.
    """
    rows = (
        data.select("category", "concept", "row")
        .unique()
        .sort("category", "concept", "row")["row"]
        .unique(maintain_order=True)
        .to_list()
    )
    texts = corpus.texts_in(data) or corpus.text_ids()  # no form used: every text
    compact = len(texts) <= COMPACT_TEXTS
    if HEATMAP_LEVEL.get(lexicon, "form") == "form" and "form" in data.columns:
        data = with_kwic_href(data, "form")
    # lexicon categories are codes (``armed_forces``): the tooltip shows them as words
    data = data.with_columns(pl.col("category").str.replace_all("_", " ").alias("category_label"))
    base = alt.Chart(data).encode(
        x=alt.X(
            "text:N",
            sort=list(text_labels().values()),
            title=None,
            # long text labels wrapped onto lines, never cut
            axis=alt.Axis(
                **chart_labels.top_axis(
                    text_labels().values(), 18, labelAngle=0 if compact else -40
                )
            ),
        ),
        y=alt.Y("row:N", sort=rows, title=None, axis=alt.Axis(labelLimit=0)),
    )
    tooltip = [
        alt.Tooltip("text:N", title="Text"),
        alt.Tooltip("concept:N", title="Concept"),
        alt.Tooltip("shown:N" if "shown" in data.columns else "form:N", title="Lexicon form(s)"),
        alt.Tooltip("category_label:N", title="Category"),
        alt.Tooltip("n:Q", title="Count"),
        alt.Tooltip("rate:Q", title="Per 1,000 words", format=".1f"),
        alt.Tooltip("n_words:Q", title="Word tokens in text"),
    ]
    low_rate, top_rate = shade_domain(data)
    # the colour legend starts at the lowest rate of a used cell, in a visible blue: an unused
    # cell is grey, so the legend shows no shade that no cell has
    dark_from = low_rate + (top_rate - low_rate) * (
        (chart_labels.BLUES_DARK_FROM - SHADE_FROM) / (1 - SHADE_FROM)
    )
    # a row of one lexicon form links to its concordance (a pooled concept row has no pattern)
    href = {"href": kwic_href_encoding()} if KWIC_HREF_COLUMN in data.columns else {}
    rect = base.mark_rect(stroke="white").encode(
        **href,
        color=alt.condition(
            "datum.n === 0",
            alt.value("#f4f4f4"),
            alt.Color(
                "rate:Q",
                title="Per 1,000 words",
                scale=alt.Scale(
                    scheme=alt.SchemeParams(name="blues", extent=[SHADE_FROM, 1]),
                    domain=[low_rate, top_rate],
                ),
            ),
        ),
        tooltip=tooltip,
    )
    labels = base.mark_text(fontSize=10).encode(
        **href,  # the count drawn over the cell links too
        text=alt.Text("n:Q"),
        # white on the dark end of the scale
        color=alt.condition(
            f"datum.rate > {dark_from!r}",
            alt.value("white"),
            alt.value("black"),
        ),
        tooltip=tooltip,
    )
    width = 420 if compact else alt.Step(48)
    chart = alt.layer(rect, labels).properties(width=width, height=max(15 * len(rows), 60))
    what = _LEXICON_TITLES.get(lexicon, lexicon)
    source = f"the {lexicon} lexicon"
    if HEATMAP_LEVEL.get(lexicon, "form") == "concept":
        unit = LEXICONS_COLUMN.get(lexicon, "concept")
        subtitle = f"Rows: {unit}s of {source} used at least once, each {unit}'s forms pooled "
        subtitle += "(the tooltip lists them)"
        counted, rows_are = f"{len(rows)} {unit}s ({what})", f"{unit}s, their forms pooled"
    else:
        subtitle = f"Rows: concept · variant (forms of {source} used at least once)"
        if "mapped" in data.columns:
            subtitle += f"; {naming.MAPPED_MARK}: {naming.MAPPED_LABEL}"
        counted, rows_are = f"{len(rows)} lexicon forms ({what})", "concept and variant"
    return finish(
        chart,
        title=f"Terminology: {what}",
        subtitle=f"{subtitle}. Cells: count; shade: rate per 1,000 word tokens; grey: not used",
        description=f"Heatmap of the {counted} that occur in at least one of the "
        f"{prose.number_word(len(texts))} texts. Rows are {rows_are}, columns "
        f"{prose.texts_phrase(texts)}; each cell shows the count and is shaded by the rate per "
        "1,000 word tokens.",
    )


# --- keyness --------------------------------------------------------------------------------


def keyness_data(target: str, n: int = 10, *, toks: pl.DataFrame | None = None) -> pl.DataFrame:
    """The ``n`` strongest terms each way for one text against all the others pooled.

    Adds ``key_in_label``, the readable ``p_text, p_fisher_text, q_text, log_ratio_95ci,
    pct_diff_text`` for tooltips, and ``n_terms, n_q`` (terms compared, terms with q <
    :data:`analysis.measures.keyness.ALPHA` in either direction) for the subtitle. Unbounded
    Log Ratio interval ends become null (JSON has no infinity).
    """
    texts = corpus.texts_in(keyness.tokens_terms(toks=toks, drop_stopwords=False))
    full = keyness.textstat_keyness(target, toks=toks)
    top = keyness.keyness_top(full, n)
    other = _others(len(texts) - 1)
    shown = keyness.keyness_table(top)
    return top.with_columns(
        pl.when(pl.col("key_in") == target)
        .then(pl.lit(text_labels().get(target, target)))
        .otherwise(pl.lit(other))
        .alias("key_in_label"),
        shown["p"].alias("p_text"),
        shown["p_fisher"].alias("p_fisher_text"),
        shown["q"].alias("q_text"),
        shown["log_ratio_95ci"],
        shown["pct_diff"].alias("pct_diff_text"),
        pl.lit(full.height, dtype=pl.Int64).alias("n_terms"),
        pl.lit(keyness.keyness_significant(full, direction="both"), dtype=pl.Int64).alias("n_q"),
        *[
            pl.when(pl.col(c).is_infinite()).then(None).otherwise(pl.col(c)).alias(c)
            for c in ("log_ratio_low", "log_ratio_high")
        ],
    )


def keyness_reach(n_q: int, n_terms: int) -> str:
    """How many of ``n_terms`` compared terms reach q < alpha, in words; with none, says that no
    bar is significant (so a bar is read as a frequency difference only)."""
    alpha = f"q < {keyness.ALPHA:g}"
    if n_q == 0:
        return f"none of the {n_terms:,} terms reaches {alpha}: no difference shown is significant"
    verb = "reaches" if n_q == 1 else "reach"
    return f"{n_q:,} of {n_terms:,} terms {verb} {alpha} (each bar's q is in its tooltip)"


def textplot_keyness(data: pl.DataFrame, *, target: str):
    """Diverging bars of signed G2: terms relatively more frequent in the target (right) and in
    the others (left).

    A bar describes a frequency difference, not a significant one: legend and subtitle say
    "higher relative frequency", and the subtitle says, from the data, how many terms reach
    significance (:func:`keyness_reach`: q < 0.05, Benjamini–Hochberg over Fisher's exact p,
    all terms of the comparison); tooltips give p, Fisher's p, q, Log Ratio with its 95%
    interval, %DIFF and whether an expected count is below 5.

    Args:
        data: from :func:`keyness_data`.
        target: the target text id.
    """
    label = text_labels().get(target, target)
    n_ref = len(data["reference"][0].split("+")) if data.height else 1
    other = _others(n_ref)
    others = other[0].lower() + other[1:]
    order = data.sort("g2", descending=True)["term"].to_list()
    prior = data["prior"][0] if data.height else keyness.prior_description()
    n_terms = int(data["n_terms"][0]) if data.height else 0
    n_q = int(data["n_q"][0]) if data.height else 0
    data = with_kwic_href(data, "term")  # a click shows the term's concordance lines
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("term:N", sort=order, title=None),
            href=kwic_href_encoding(),
            x=alt.X("g2:Q", title="Signed log-likelihood G2 (four-cell)"),
            color=alt.Color(
                "key_in_label:N",
                title="Higher relative frequency in",
                legend=alt.Legend(titleLimit=0),
                scale=alt.Scale(
                    domain=[label, other],
                    range=[text_colours().get(target, OTHER_COLOUR), OTHER_COLOUR],
                ),
            ),
            tooltip=[
                alt.Tooltip("term:N", title="Term"),
                alt.Tooltip("a:Q", title=f"Count in {label}"),
                alt.Tooltip("b:Q", title=f"Count in {others.removesuffix(' texts')}"),
                alt.Tooltip("g2:Q", title="Signed G2", format=".2f"),
                alt.Tooltip("p_text:N", title="p (G2, 1 df)"),
                alt.Tooltip("p_fisher_text:N", title="p (Fisher's exact)"),
                alt.Tooltip("q_text:N", title="q (Benjamini–Hochberg, Fisher's p)"),
                alt.Tooltip("low_expected:N", title="Expected count < 5"),
                alt.Tooltip("log_ratio:Q", title="Log Ratio (0.5 for zero)", format=".2f"),
                alt.Tooltip("log_ratio_95ci:N", title="Log Ratio 95% interval"),
                alt.Tooltip("pct_diff_text:N", title="%DIFF"),
                alt.Tooltip("z:Q", title="Weighted log-odds z", format=".2f"),
            ],
        )
        .properties(width=WIDTH - 160, height=alt.Step(16))
    )
    reach = keyness_reach(n_q, n_terms)
    return finish(
        chart,
        title=f"Keyness: {label} against the {others}",
        subtitle=[  # two lines: one would widen the figure past the bars
            f"Right: higher relative frequency in {label}; left: in the "
            f"{others.removesuffix(' texts')}. Stop words removed.",
            f"{reach[0].upper()}{reach[1:]} (Benjamini–Hochberg over Fisher's exact p).",
        ],
        description=f"Diverging bar chart of the terms with the largest signed G2 for {label} "
        f"against the pooled {others}, in both directions; {reach}. Tooltips give counts, "
        f"p, Fisher's exact p, q, Log Ratio with its 95% interval, %DIFF and weighted "
        f"log-odds z ({prior}).",
    )


# --- similarity -----------------------------------------------------------------------------


def similarity_data(
    *, drop_stopwords: bool = True, toks: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Pairwise cosine similarity (N × N) with text labels (an id the manifest lacks: itself)."""
    sim = keyness.textstat_similarity(drop_stopwords=drop_stopwords, toks=toks)
    labels = text_labels()
    return sim.with_columns(
        pl.col("text_a").replace_strict(labels, default=pl.col("text_a")).alias("label_a"),
        pl.col("text_b").replace_strict(labels, default=pl.col("text_b")).alias("label_b"),
    )


def textplot_similarity(data: pl.DataFrame):
    """Heatmap of cosine similarity between the texts' term vectors, values printed."""
    order = list(text_labels().values())
    texts = corpus.texts_in(data, "text_a") or corpus.text_ids()
    compact = len(texts) <= COMPACT_TEXTS
    base = alt.Chart(data).encode(
        x=alt.X(
            "label_b:N",
            sort=order,
            title=None,
            # wrapped onto lines, so neighbouring labels neither collide nor get cut
            axis=alt.Axis(**chart_labels.top_axis(order, 14))
            if compact
            else alt.Axis(**chart_labels.top_axis(order, 22, labelAngle=-40)),
        ),
        y=alt.Y("label_a:N", sort=order, title=None),
    )
    tooltip = [
        alt.Tooltip("label_a:N", title="Text"),
        alt.Tooltip("label_b:N", title="Compared with"),
        alt.Tooltip("cosine:Q", title="Cosine", format=".3f"),
        alt.Tooltip("shared_types:Q", title="Shared word types"),
    ]
    rect = base.mark_rect(stroke="white").encode(
        color=alt.Color("cosine:Q", title="Cosine", scale=alt.Scale(scheme="greys", domain=[0, 1])),
        tooltip=tooltip,
    )
    text = base.mark_text(fontSize=12).encode(
        text=alt.Text("cosine:Q", format=".2f"),
        color=alt.condition("datum.cosine > 0.6", alt.value("white"), alt.value("black")),
        tooltip=tooltip,
    )
    size = (
        {"width": 330, "height": 200}
        if compact
        else {"width": alt.Step(56), "height": alt.Step(28)}
    )
    chart = alt.layer(rect, text).properties(**size)
    n = prose.number_word(len(texts))
    return finish(
        chart,
        title="Document similarity (cosine of term vectors)",
        subtitle="Relative frequencies of normalised word tokens, stop words removed",
        description=f"{n.capitalize()}-by-{n} heatmap of cosine similarity between "
        f"{prose.texts_phrase(texts)}, computed over relative frequencies of their content words; "
        "the diagonal is 1.",
    )


def figures() -> list[FigureSpec]:
    """The figures of notebook 01 for the corpus in force (one keyness figure per text)."""
    ids = corpus.text_ids()
    names = corpus.text_names()
    others = _others(len(ids) - 1).lower()
    specs = [
        FigureSpec(
            "terminology-referents",
            lambda: textplot_terminology_heatmap(
                terminology_heatmap_data("referent-variants"), lexicon="referent-variants"
            ),
            "Referent variants (places, states, actors, institutions) per text: counts and rates.",
            NOTEBOOK,
        ),
        FigureSpec(
            "terminology-labels",
            lambda: textplot_terminology_heatmap(
                terminology_heatmap_data("event-labels"), lexicon="event-labels"
            ),
            "The texts' own labels for events, acts and actors: counts and rates per text.",
            NOTEBOOK,
        ),
        FigureSpec(
            "terminology-principles",
            lambda: textplot_terminology_heatmap(
                terminology_heatmap_data("principles"), lexicon="principles"
            ),
            "Principles and legal anchors invoked by each text: counts and rates.",
            NOTEBOOK,
        ),
        FigureSpec(
            "naming-choices",
            lambda: naming_chart.textplot_naming(naming_chart.naming_data()),
            "Which variant each text uses for referents that have competing names.",
            NOTEBOOK,
        ),
    ]
    if len(ids) > 1:  # keyness needs a reference text
        specs += [
            FigureSpec(
                f"keyness-{t}",
                (lambda t=t: textplot_keyness(keyness_data(t), target=t)),
                f"Keyness of {names[t]} against the {others} (signed four-cell G2).",
                NOTEBOOK,
            )
            for t in ids
        ]
    specs += [
        FigureSpec(
            "lexical-dispersion",
            lambda: dispersion_chart.textplot_xray(dispersion_chart.dispersion_data()),
            "Where chosen terms occur in each text (lexical dispersion).",
            NOTEBOOK,
        ),
        FigureSpec(
            "similarity-heatmap",
            lambda: textplot_similarity(similarity_data()),
            f"Cosine similarity of the {prose.number_word(len(ids))} texts' content-word vectors.",
            NOTEBOOK,
        ),
    ]
    return specs


#: The registry calls it: the figure list follows the manifest in force.
FIGURES = figures
