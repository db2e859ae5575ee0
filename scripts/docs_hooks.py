"""MkDocs hooks (`mkdocs.yml` `hooks:`): generated tables and the chart, made at every build."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import docs_gen

CHART = "assets/chart-KRW-BTC.png"


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    return docs_gen.expand(markdown)


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    with tempfile.TemporaryDirectory() as tmp:
        png = docs_gen.chart_png(Path(tmp) / "chart.png").read_bytes()
    files.append(File.generated(config, CHART, content=png))
    return files
