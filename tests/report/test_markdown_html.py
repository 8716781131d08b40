"""The Markdown and HTML reports carry the same sections and escape article text."""

from __future__ import annotations

import re
from pathlib import Path

from report_fixture import SCRIPT, dossier

from newsprism.report.html import render_html, write_html
from newsprism.report.markdown import md, render_markdown, write_markdown
from newsprism.report.views import CONTRADICTED, UNIQUE, fact_matrix, period, story_of, word_diff

SECTIONS = ("Outlets", "Summary", "Facts × outlets", "Contradictions", "Quotes", "Framing", "Text reuse", "Timeline")


def test_markdown_has_every_section_and_escapes_markup(tmp_path: Path) -> None:
    path = write_markdown(dossier(), tmp_path / "r.md")
    text = path.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert tuple(headings) == SECTIONS
    assert "<script>" not in text
    assert "Observers from the European Union will monitor the crossing" in text
    assert "Aliev" in text and "“Baku regime” (in quotes)" in text
    assert md("a | b <i>") == "a \\| b &lt;i&gt;"


def test_html_is_self_contained_and_escapes_article_text(tmp_path: Path) -> None:
    html = write_html(dossier(), tmp_path / "r.html").read_text(encoding="utf-8")
    assert SCRIPT not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert html.count("<script>") == 1, "only the report's own script"
    assert not re.search(r"""(src|href)=["']https?://""", html.replace('href="#', "")), "nothing loads from the network"
    assert "Content-Security-Policy" in html
    for key in ("outlets", "summary", "matrix", "contradictions", "quotes", "framing", "reuse", "timeline"):
        assert f'<section id="{key}">' in html


def test_markdown_and_html_carry_the_same_summary() -> None:
    d = dossier()
    html, text = render_html(d), render_markdown(d)
    for s in d.summary:
        assert s.text.split(":")[0] in text and s.text.split(":")[0] in html


def test_fact_matrix_statuses() -> None:
    d = dossier()
    story = story_of(d)
    rows = {r.id: r for r in fact_matrix(d, story)}
    assert rows["F1"].status == (CONTRADICTED, CONTRADICTED, CONTRADICTED)
    assert rows["F3"].status == ("carried", "carried", "omitted")
    assert rows["F6"].status == ("omitted", "omitted", UNIQUE)


def test_word_diff_marks_only_the_differing_words() -> None:
    a, b = word_diff("The talks were held on Monday in Tbilisi.", "The talks were held on Sunday in Tbilisi.")
    assert [t for t, diff in a if diff] == ["Monday"] and [t for t, diff in b if diff] == ["Sunday"]


def test_period_of_iso_values() -> None:
    import datetime as dt

    assert period("2024-02-12") == (dt.date(2024, 2, 12), dt.date(2024, 2, 13))
    assert period("2024-12") == (dt.date(2024, 12, 1), dt.date(2025, 1, 1))
    assert period("2024-W08") == (dt.date(2024, 2, 19), dt.date(2024, 2, 26))
    assert period("soon") is None
