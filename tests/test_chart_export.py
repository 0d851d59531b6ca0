"""Chart export: real kaleido on the system Chromium (PNG, SVG, PDF), HTML, ZIP report, names."""

from __future__ import annotations

import io
import json
import time
import zipfile

import pytest

from analysis import aggregate, charts
from analysis.chart_export import (
    ENABLE_HINT,
    ImageExporter,
    figure_html,
    figure_image,
    find_chromium,
    report_zip,
    sanitise_filename,
    shared_exporter,
)
from tests import chart_data as data

CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium at /usr/bin/chromium (apt-get install chromium, or make system-deps): image export untested",
)


@pytest.fixture(scope="module")
def figure():
    table = data.statement_table()
    return charts.stance_by_actor(aggregate.actor_summary(table), target=data.TARGET, note="All statements")


@pytest.fixture(scope="module")
def quote_figure():
    return charts.sentiment_vs_stance(data.statement_table(), target=data.TARGET)


def _readme_fields() -> dict:
    return dict(
        title="Embassy <script>",
        source="seed.txt",
        sha256="ab" * 32,
        article_date="2020-01-02",
        targets=(data.TARGET,),
        models={"sentiment": "models/sentiment", "stance": "models/stance", "stance_mode": "classifier"},
        filter_note="All statements",
        statements=5,
        elapsed_s=1.25,
    )


@needs_chromium
def test_png_svg_pdf_from_the_warm_exporter(figure):
    exporter = shared_exporter()
    png = figure_image(figure, fmt="png", exporter=exporter)
    assert png.ok, png.message
    assert png.data.startswith(b"\x89PNG\r\n\x1a\n") and png.mime == "image/png"
    svg = figure_image(figure, fmt="svg", exporter=exporter)
    assert svg.ok and svg.data.lstrip().startswith(b"<svg") and b"</svg>" in svg.data[-200:]
    assert b"Stance toward" in svg.data  # the title travels with the file
    pdf = figure_image(figure, fmt="pdf", exporter=exporter)
    assert pdf.ok and pdf.data.startswith(b"%PDF-")
    # Warm: one browser for the whole process, so a further export is quick.
    started = time.perf_counter()
    again = figure_image(figure, fmt="png", exporter=exporter)
    warm = time.perf_counter() - started
    assert again.ok and warm < 3.0, f"warm PNG export took {warm:.2f} s"
    assert shared_exporter() is exporter


@needs_chromium
def test_svg_keeps_article_text_escaped(quote_figure):
    svg = figure_image(quote_figure, fmt="svg").data
    assert b"<script" not in svg


def test_missing_chromium_gives_a_clear_unavailable_result(figure):
    exporter = ImageExporter(browser_path=None, search=False)
    result = figure_image(figure, fmt="png", exporter=exporter)
    assert not result.ok and result.data == b""
    assert "No Chromium was found" in result.message and "apt-get install chromium" in result.message
    assert ENABLE_HINT in exporter.unavailable_reason


def test_find_chromium_respects_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("STANCESCOPE_CHROMIUM", str(tmp_path / "nothing-here"))
    assert find_chromium() is None
    fake = tmp_path / "chrome"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("STANCESCOPE_CHROMIUM", str(fake))
    assert find_chromium() == str(fake)


def test_standalone_html_escapes_article_text(quote_figure):
    page = figure_html(quote_figure).decode("utf-8")
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert "<script>alert(1)</script>" not in page
    assert "Plotly.newPlot" in page
    assert len(page) > 1_000_000  # plotly.js is inline: the file works offline


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("stance by actor: “US strikes”", "stance-by-actor-US-strikes"),
        ("..", "file"),
        ("", "file"),
        ("CON", "_CON"),
        ("lpt9.csv", "_lpt9.csv"),
        ("Com2", "_Com2"),
        ("COM10", "COM10"),
        ("a" * 200, "a" * 80),
        ("Zürich résumé", "Zurich-resume"),
    ],
)
def test_sanitise_filename(name, expected):
    assert sanitise_filename(name) == expected


def test_report_zip_without_chromium_has_html_csv_json_and_readme(figure, quote_figure):
    table = data.statement_table()
    exporter = ImageExporter(browser_path=None, search=False)
    payload = report_zip(
        charts={
            "stance by actor / target": figure,
            "../escape": quote_figure,
            "stance by actor \\ target": figure,
        },
        tables={"statements": table.assign(text=lambda t: "=HYPERLINK(" + t["text"])},
        readme_fields=_readme_fields(),
        exporter=exporter,
    )
    archive = zipfile.ZipFile(io.BytesIO(payload))
    names = archive.namelist()
    assert names[0] == "README.md"
    assert "charts/plotly.min.js" in names
    assert "charts/stance-by-actor-target.html" in names and "charts/stance-by-actor-target-2.html" in names
    assert "charts/escape.html" in names
    assert not any(".." in n or n.startswith("/") for n in names)
    assert not any(n.endswith(".png") for n in names)
    csv = archive.read("tables/statements.csv").decode()
    assert csv.splitlines()[0].startswith("id,paragraph,start,end,text")
    assert "'=HYPERLINK(" in csv  # formula injection neutralised
    assert len(json.loads(archive.read("tables/statements.json"))) == len(table)
    readme = archive.read("README.md").decode()
    assert data.TARGET in readme and "models/stance" in readme and "2020-01-02" in readme
    assert "Static images were not included" in readme
    html = archive.read("charts/escape.html").decode()
    assert 'src="plotly.min.js"' in html and "<script>alert(1)</script>" not in html


@needs_chromium
def test_report_zip_with_images(figure):
    payload = report_zip(charts={"actors": figure}, tables={}, readme_fields=_readme_fields())
    archive = zipfile.ZipFile(io.BytesIO(payload))
    assert archive.read("charts/actors.png").startswith(b"\x89PNG")
    assert "Static images" not in archive.read("README.md").decode()


@needs_chromium
def test_prefetch_renders_in_the_background_and_the_click_finds_the_images(figure, quote_figure):
    exporter = ImageExporter(browser_path=CHROMIUM)
    try:
        calls: list[int] = []
        render = exporter._render

        def counted(specs):
            calls.append(len(specs))
            return render(specs)

        exporter._render = counted
        assert exporter.prefetch("report-1", lambda: [figure, quote_figure])
        assert not exporter.prefetch("report-1", lambda: [figure, quote_figure]), "a key is prefetched once"
        exporter.wait_for_prefetch()
        assert calls == [2]
        images = exporter.export_many([figure, quote_figure], fmt="png")
        assert calls == [2], "the click rendered nothing again"
        assert all(image.startswith(b"\x89PNG") for image in images)
    finally:
        exporter.close()


def test_prefetch_without_chromium_starts_nothing(figure):
    exporter = ImageExporter(browser_path=None, search=False)
    assert exporter.prefetch("report", lambda: [figure]) is False
