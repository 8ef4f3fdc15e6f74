"""Reports: offline chart rendering, notebook execution, HTML export and the index page.

The report layer sits on top of the suite (corpus -> tokens -> lexicons -> measures ->
evaluation -> charts -> figures -> report -> cli): it may use every layer below it, and none of
them imports it at module level.

- :mod:`~analysis.report.render`: the offline Altair renderer, chart HTML, Markdown escaping,
  :func:`setup_notebook`;
- :mod:`~analysis.report.execute`: run notebooks with nbclient (several at once, one kernel
  each, over IPC), with the manifest injected as a papermill-style parameter;
- :mod:`~analysis.report.export`: one self-contained HTML page per notebook, resource checks,
  :func:`build_reports`;
- :mod:`~analysis.report.index`: ``reports/index.html``, its title and abstract generated from
  the manifest.
"""

from analysis.report.execute import (
    INJECTED_TAG,
    PARAMETERS_TAG,
    default_jobs,
    execute_notebook,
    execute_notebooks,
    inject_parameters,
    notebook_paths,
    run_parameters,
)
from analysis.report.export import (
    Report,
    build_reports,
    count_charts,
    dedupe_bundle,
    export_html,
    external_resources,
    notebook_title,
)
from analysis.report.index import (
    TOPIC,
    abstract,
    corpus_summary_html,
    index_html,
    title,
    write_index,
)
from analysis.report.render import (
    BUNDLE_ATTR,
    CHART_CLASS,
    CHART_COUNT_META,
    READY_EVENT,
    RENDERER,
    SPEC_CLASS,
    VL_VERSION,
    _shown,
    chart_html,
    chart_id,
    chart_specs,
    enable_offline_renderer,
    escape_markdown,
    offline_renderer,
    setup_notebook,
    vega_bundle,
)

__all__ = [
    "BUNDLE_ATTR",
    "CHART_CLASS",
    "CHART_COUNT_META",
    "INJECTED_TAG",
    "PARAMETERS_TAG",
    "READY_EVENT",
    "RENDERER",
    "SPEC_CLASS",
    "TOPIC",
    "VL_VERSION",
    "Report",
    "_shown",
    "abstract",
    "build_reports",
    "chart_html",
    "chart_id",
    "chart_specs",
    "corpus_summary_html",
    "count_charts",
    "dedupe_bundle",
    "enable_offline_renderer",
    "escape_markdown",
    "default_jobs",
    "execute_notebook",
    "execute_notebooks",
    "export_html",
    "external_resources",
    "index_html",
    "inject_parameters",
    "notebook_paths",
    "notebook_title",
    "offline_renderer",
    "run_parameters",
    "setup_notebook",
    "title",
    "vega_bundle",
    "write_index",
]
