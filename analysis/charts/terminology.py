"""Charts for notebook 01: terminology, naming choices, keyness, dispersion and similarity.

Every builder takes a polars frame from :mod:`analysis.terminology` or :mod:`analysis.keyness`
and returns a chart finished with :func:`analysis.charts.finish`; the ``*_data`` functions take
the token and segment frames (default: the corpus in force). ``FIGURES`` is a function: it
lists the figures notebook 01 shows for the corpus in force, one keyness figure per text
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
    text_color,
    text_colours,
    text_label_expr,
    text_labels,
)
from analysis.charts import labels as chart_labels
from analysis.charts.links import (
    KWIC_HREF_COLUMN,
    kwic_href_encoding,
    with_kwic_href,
)
from analysis.measures import concordance, dispersion, keyness, naming, terminology

#: Up to this many texts, text columns keep the compact layout of a three-text corpus; beyond
#: it, columns get a fixed step and slanted labels so five to nine texts stay readable.
COMPACT_TEXTS = 4

NOTEBOOK = "01-terminology"

#: Terms shown in the lexical dispersion plot: pattern -> row label.
DISPERSION_TERMS: dict[str, str] = {
    "Khojali": "Khojali",
    "Khojaly": "Khojaly",
    "Karabakh": "Karabakh",
    "Nagorno-Karabakh": "Nagorno-Karabakh",
    "Artsakh": "Artsakh",
    "massacre*": "massacre*",
    "genocid*": "genocid*",
    "tragedy": "tragedy / tragic*",
    "tragic*": "tragedy / tragic*",
    "territorial integrity": "territorial integrity",
    "self-determination": "self-determination",
    "sanction*": "sanction*",
    "peace": "peace",
}

#: Legend entry of a variant that is the text's own name for the referent.
OWN_NAME = "the text's own name"

_LEXICON_TITLES = {
    "referent-variants": "referents (places, states, actors, institutions)",
    "event-labels": "labels for events, acts and actors",
    "principles": "principles and legal anchors",
}


def _others(n: int) -> str:
    """The pooled reference of keyness in words: ``Other two texts``, ``Other text``."""
    return "Other text" if n == 1 else f"Other {prose.number_word(n)} texts"


def _text_labels(frame: pl.DataFrame, column: str = "text_id") -> pl.DataFrame:
    return frame.with_columns(
        pl.col(column).replace_strict(text_labels(), default=pl.col(column)).alias("text")
    )


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
    return _text_labels(data)


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
        alt.Tooltip("category:N", title="Category"),
        alt.Tooltip("n:Q", title="Count"),
        alt.Tooltip("rate:Q", title="Per 1,000 words", format=".1f"),
        alt.Tooltip("n_words:Q", title="Word tokens in text"),
    ]
    top_rate = float(data["rate"].max() or 0.0) if data.height else 0.0
    top_rate = top_rate if top_rate > 0 else 1.0
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
                scale=alt.Scale(scheme="blues", domain=[0, top_rate]),
            ),
        ),
        tooltip=tooltip,
    )
    labels = base.mark_text(fontSize=10).encode(
        **href,  # the count drawn over the cell links too
        text=alt.Text("n:Q"),
        # white on the dark end of the scale (its domain is 0 to the highest rate)
        color=alt.condition(
            f"datum.rate > {chart_labels.BLUES_DARK_FROM * top_rate!r}",
            alt.value("white"),
            alt.value("black"),
        ),
        tooltip=tooltip,
    )
    width = 420 if compact else alt.Step(48)
    chart = alt.layer(rect, labels).properties(width=width, height=max(15 * len(rows), 60))
    what = _LEXICON_TITLES.get(lexicon, lexicon)
    source = f"data/lexicons/{lexicon}.csv"
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


# --- naming choices -------------------------------------------------------------------------


def naming_data(
    *, toks: pl.DataFrame | None = None, segments: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Variants of referents with competing names, per text (only variants a text uses).

    Adds, per referent and text, ``total`` (all mentions), ``label`` (``Khojali ×5; …``) and
    ``first`` (true on one row per bar, where the label is drawn); per variant ``mapped``,
    ``shown`` (the form, marked † when mapped) and ``variant_kind`` (the legend entry). Which
    variants are mapped is data: the ``kind`` column of ``referent-variants.csv``.
    """
    data = naming.textstat_naming(toks=toks, segments=segments).filter(pl.col("n") > 0)
    data = corpus.order_by_text(data, "concept", "form")
    data = data.with_columns(
        pl.col("n").sum().over("concept", "text_id").alias("total"),
        (pl.int_range(pl.len()).over("concept", "text_id") == 0).alias("first"),
    )
    data = naming.with_variant_kinds(data.drop("mapped")).with_columns(
        pl.when(pl.col("mapped"))
        .then(pl.lit(f"{naming.MAPPED_MARK} {naming.MAPPED_LABEL}"))
        .otherwise(pl.lit(OWN_NAME))
        .alias("variant_kind")
    )
    labels = (
        data.with_columns(pl.format("{} ×{}", "shown", "n").alias("_cell"))
        .group_by("concept", "text_id", maintain_order=True)
        .agg(pl.col("_cell").str.join("; ").alias("_label"))
    )
    # keep the sorted row order: the frame becomes the figure's data, so its order is its bytes
    data = data.join(labels, on=["concept", "text_id"], how="left", maintain_order="left").rename(
        {"_label": "label"}
    )
    return _text_labels(data)


def _bottom_legend(colour: alt.Color) -> alt.Color:
    """The text colour encoding with its legend below the chart (no empty column at the right)."""
    colour.legend = alt.Legend(
        labelExpr=text_label_expr(), orient="bottom", direction="horizontal", labelLimit=400
    )
    return colour


def textplot_naming(data: pl.DataFrame):
    """Stacked bars per referent and text: which variant each text uses, labelled at the end.

    Args:
        data: from :func:`naming_data` (``concept, form, shown, variant_kind, text_id, text,
            n, share, total, label, first``).
    """
    concepts = sorted(data["concept"].unique().to_list())
    data = with_kwic_href(data, "form")
    # stacked here, by form within each bar: the label sits at the end of the last segment
    data = (
        data.with_columns(
            pl.col("n").sort_by("form").cum_sum().over("concept", "text_id").alias("_end")
        )
        .with_columns(
            pl.col("_end").sub(pl.col("n")).alias("x_start"), pl.col("_end").alias("x_end")
        )
        .drop("_end")
    )
    kinds = [OWN_NAME, f"{naming.MAPPED_MARK} {naming.MAPPED_LABEL}"]
    y = alt.Y("text:N", sort=list(text_labels().values()), title=None)
    # one scale for every panel, so bars compare across referents
    x_scale = alt.Scale(domain=[0, max(1, int(data["total"].max() or 0))], nice=True)
    tooltip = [
        alt.Tooltip("concept:N", title="Referent"),
        alt.Tooltip("text:N", title="Text"),
        alt.Tooltip("shown:N", title="Variant"),
        alt.Tooltip("variant_kind:N", title="Filed as"),
        alt.Tooltip("n:Q", title="Mentions"),
        alt.Tooltip("share:Q", title="Share of the text's mentions", format=".0%"),
    ]
    bars = (
        alt.Chart()
        .mark_bar(stroke="white", strokeWidth=2)
        .encode(
            y=y,
            x=alt.X("x_end:Q", title="Mentions", scale=x_scale),
            x2="x_start:Q",
            color=_bottom_legend(text_color("text_id")),
            href=kwic_href_encoding(),  # a click shows the variant's concordance lines
            # a mapped variant is drawn lighter, with a legend entry (the label carries †)
            opacity=alt.Opacity(
                "variant_kind:O",  # ordinal: a discrete opacity needs an order
                title="Variant",
                scale=alt.Scale(domain=kinds, range=[1.0, 0.4]),
                legend=alt.Legend(orient="bottom", labelLimit=260),
            ),
            tooltip=tooltip,
        )
    )
    labels = (
        alt.Chart()
        .mark_text(align="left", dx=4, fontSize=10)
        .encode(
            y=y,
            x=alt.X("x_end:Q", scale=x_scale),
            # one label per bar, on its last segment (whose end is the bar's total)
            text=alt.condition("datum.x_end === datum.total", alt.Text("label:N"), alt.value("")),
            tooltip=[alt.Tooltip("text:N", title="Text"), alt.Tooltip("label:N", title="Variants")],
        )
    )
    # one panel per referent, titled above it and only as tall as the texts that name it; a
    # concatenation, not a facet: faceted independent scales over two layers make Vega-Lite warn
    panels = []
    for concept in concepts:
        part = data.filter(pl.col("concept") == concept)
        # the x axis (labels and title) once, under the last panel; the others keep the grid
        last = concept == concepts[-1]
        axis = alt.Axis() if last else alt.Axis(labels=False, ticks=False, domain=False, title=None)
        bars_x = bars.encode(x=alt.X("x_end:Q", title="Mentions", scale=x_scale, axis=axis))
        panels.append(
            alt.layer(bars_x, labels, data=alt.Data(values=part.to_dicts())).properties(
                title=alt.Title(concept, anchor="start", fontSize=11, fontWeight="bold"),
                width=WIDTH - 260,
                height=alt.Step(16),
            )
        )
    if not panels:  # no referent named two ways: an empty panel, still a valid chart
        panels.append(
            alt.layer(bars, labels, data=alt.Data(values=[])).properties(
                width=WIDTH - 260, height=alt.Step(16)
            )
        )
    chart = alt.vconcat(*panels, spacing=6).resolve_scale(x="shared")
    return finish(
        chart,
        title="Naming choices: which variant each text uses for the same referent",
        subtitle="Referents named in more than one way; white lines separate variants, listed "
        f"with counts at the end of each bar; {naming.MAPPED_MARK} and a lighter segment: "
        f"{naming.MAPPED_LABEL}",
        description="Stacked bar chart, one panel per referent that the texts name in "
        "more than one way (e.g. the town Khojaly (Khojali), the region Nagorno-Karabakh). "
        "Each bar is one text; its segments are the variants it uses, sized by mentions and "
        f"listed with their counts; a variant {naming.MAPPED_LABEL} is marked "
        f"{naming.MAPPED_MARK} and drawn lighter.",
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


def textplot_keyness(data: pl.DataFrame, *, target: str):
    """Diverging bars of signed G2: terms over-used in the target (right) and in the others.

    The subtitle counts the terms that reach q < 0.05 (Benjamini–Hochberg over Fisher's exact
    p, all terms of the comparison); tooltips give p, Fisher's p, q, Log Ratio with its 95%
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
                title="Over-used in",
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
    reach = f"{n_q} of {n_terms} terms reach q < {keyness.ALPHA:g}"
    return finish(
        chart,
        title=f"Keyness: {label} against the {others}",
        subtitle=[  # two lines: one would widen the figure past the bars
            f"Right: over-used in {label}; left: over-used in the "
            f"{others.removesuffix(' texts')}. Stop words removed.",
            f"{reach[0].upper()}{reach[1:]} (Benjamini–Hochberg over Fisher's exact p).",
        ],
        description=f"Diverging bar chart of the terms with the largest signed G2 for {label} "
        f"against the pooled {others}, in both directions; {reach}. Tooltips give counts, "
        f"p, Fisher's exact p, q, Log Ratio with its 95% interval, %DIFF and weighted "
        f"log-odds z ({prior}).",
    )


# --- dispersion -----------------------------------------------------------------------------


def dispersion_data(
    terms: dict[str, str] | None = None,
    *,
    toks: pl.DataFrame | None = None,
    segments: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Positions of the chosen terms in each text (default :data:`DISPERSION_TERMS`).

    Each row also carries the row's DP (Gries 2008, over the text's sentences:
    :func:`analysis.measures.dispersion.dispersion_stats`), ``dp_label`` (``"DP 0.42"``) and
    ``first`` (the row's first occurrence, where the label is drawn).
    """
    data = concordance.textstat_dispersion(terms or DISPERSION_TERMS, toks=toks, segments=segments)
    table = terminology.units_table(True, toks, segments).filter(pl.col("is_word"))
    sizes = table.group_by("unit", "sentence_id", maintain_order=True).agg(
        pl.len().cast(pl.Int64).alias("n_words")
    )
    dp = dispersion.dispersion_table(data, sizes, by="unit", part="sentence_id").select(
        "unit", "term", "dp"
    )
    data = data.join(dp, on=["unit", "term"], how="left", maintain_order="left").with_columns(
        pl.format(
            "DP {}", pl.col("dp").round(2).map_elements(lambda x: f"{x:.2f}", pl.String)
        ).alias("dp_label"),
        (pl.int_range(pl.len()).over("unit", "term") == 0).alias("first"),
    )
    return _text_labels(data)


def textplot_xray(data: pl.DataFrame, *, terms: list[str] | None = None):
    """Lexical dispersion ("x-ray"): one tick per occurrence at its word position in the text.

    Each row ends with the term's DP in that text (Gries 2008, over its sentences; 0 = spread
    as the sentence lengths predict, near 1 = concentrated in few sentences).

    Args:
        data: from :func:`dispersion_data` (``term, text, position, word_index, matched, dp,
            dp_label, first``).
        terms: the row order (default: order of first appearance in :data:`DISPERSION_TERMS`).
    """
    rows = terms or list(dict.fromkeys(DISPERSION_TERMS.values()))
    width = WIDTH - 180
    y = alt.Y("term:N", sort=rows, title=None, scale=alt.Scale(domain=rows))
    ticks = (
        alt.Chart()
        .mark_tick(thickness=2, size=14)
        .encode(
            x=alt.X(
                "position:Q",
                title="Position in the text (share of its word tokens before it)",
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%"),
            ),
            y=y,
            color=text_color("text_id", legend=False),
            tooltip=[
                alt.Tooltip("text:N", title="Text"),
                alt.Tooltip("term:N", title="Term"),
                alt.Tooltip("matched:N", title="As written"),
                alt.Tooltip("word_index:Q", title="Word position"),
                alt.Tooltip("n_words:Q", title="Words in text"),
                alt.Tooltip("sentence_id:N", title="Sentence"),
                alt.Tooltip("dp:Q", title="DP (Gries 2008, over sentences)", format=".2f"),
            ],
        )
    )
    labels = (
        alt.Chart()
        .transform_filter(alt.datum.first)
        .mark_text(align="left", baseline="middle", dx=8, fontSize=10, color="#444444")
        .encode(x=alt.value(width), y=y, text="dp_label:N")
    )
    chart = (
        alt.layer(ticks, labels, data=data)
        .properties(width=width, height=alt.Step(14))
        .facet(
            row=alt.Row(
                "text:N",
                sort=list(text_labels().values()),
                title=None,
                header=alt.Header(labelAngle=0, labelAlign="left", labelFontWeight="bold"),
            )
        )
    )
    return finish(
        chart,
        title="Lexical dispersion of chosen terms in each text",
        subtitle="One tick per occurrence; multi-word terms are matched as units; "
        "DP at the right (Gries 2008, over sentences: 0 even, near 1 concentrated)",
        description="Dispersion plot with one panel per text and one row per term (region and "
        "town names, labels, principles). Each tick marks an occurrence at its relative "
        "position in the text, from start (0%) to end (100%); the label at the right of each "
        "row gives the term's DP (deviation of proportions) over the text's sentences.",
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
            lambda: textplot_naming(naming_data()),
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
            lambda: textplot_xray(dispersion_data()),
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
