"""The Markdown and HTML reports carry the same sections and escape article text."""

from __future__ import annotations

import re
from pathlib import Path

from report_fixture import SCRIPT, dossier

from newsprism.report.html import render_html, write_html
from newsprism.report.markdown import md, render_markdown, write_markdown
from newsprism.report.views import CONTRADICTED, UNIQUE, fact_matrix, period, story_of, word_diff

SECTIONS = ("Summary", "Contradictions", "Timeline", "Outlets", "Facts × outlets", "Quotes", "Framing", "Text reuse")


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


def test_contradiction_marks_only_the_differing_values() -> None:
    from newsprism.report.views import contradiction_sides

    d = dossier()
    story = story_of(d)
    c = d.alignment.contradictions[0]  # type: ignore[union-attr]
    sides = contradiction_sides(d, c, story)
    assert [[t for t, marked in s.segments if marked] for s in sides] == [["Monday"], ["Sunday"]]
    assert any("Tbilisi" in t for t, marked in sides[0].segments if not marked)


def test_long_fact_lists_fold_and_quotes_fold_by_speaker() -> None:
    from dataclasses import replace

    from newsprism.records import Corroboration, Fact
    from newsprism.report.html import MATRIX_FIRST

    d = dossier()
    extra = tuple(
        Fact(f"X{i}", f"extra fact {i}", (d.alignment.facts[0].support[0],), ("a",), Corroboration.SINGLE)  # type: ignore[union-attr]
        for i in range(MATRIX_FIRST)
    )
    d = replace(d, alignment=replace(d.alignment, facts=d.alignment.facts + extra))  # type: ignore[union-attr]
    html = render_html(d)
    total = len(d.alignment.facts)  # type: ignore[union-attr]
    assert f"Show all {total} facts" in html
    matrix = html.split('<section id="matrix">')[1].split("</section>")[0]
    first_table = matrix.split('<details class="more">')[0]
    assert first_table.count('<td class="fact">') == MATRIX_FIRST
    quotes = html.split('<section id="quotes">')[1].split("</section>")[0]
    assert '<details class="quote-group">' in quotes and "Ilham Aliyev" in quotes


def test_unnamed_outlets_show_labels_and_keep_ids_in_tooltips() -> None:
    from dataclasses import replace

    d = dossier()
    docs = tuple(replace(doc, outlet=None, title=None) if doc.id == "c" else doc for doc in d.documents)
    html = render_html(replace(d, documents=docs))
    assert "Outlet A" in html and 'title="document c"' in html
    story = story_of(replace(d, documents=docs))
    assert story.names["c"] == "Outlet A" and story.outlets[2].short == "A"


def test_timeline_shows_descriptions_and_draws_ranges_as_spans() -> None:
    import datetime as dt
    from dataclasses import replace

    from newsprism.records import Precision, TimelineEntry
    from newsprism.report.html_charts import timeline_svg
    from newsprism.report.views import readable_when

    entry = TimelineEntry(
        "2024-02",
        Precision.WEEK,
        "reopen",
        (),
        description="The pier will reopen within two weeks",
        start=dt.date(2024, 2, 13),
        end=dt.date(2024, 2, 27),
    )
    assert readable_when(entry) == "13–27 Feb 2024"
    day = TimelineEntry("2024-02-12", Precision.DAY, "meet", (), description="Leaders met in Tbilisi")
    svg = timeline_svg([day, entry], {})
    assert "The pier will reopen within two weeks" in svg and "Leaders met in Tbilisi" in svg
    assert svg.count("<rect") == 1 and svg.count('<circle class="mark') == 1
    d = dossier()
    html = render_html(replace(d, timeline=(day, entry)))
    assert "13–27 Feb 2024" in html and "Mon 12 Feb 2024" in html


def test_a_year_inside_the_disputed_date_is_not_marked() -> None:
    """'this year' resolves to 2025: it must not light up beside a side valued 'Wednesday (2025-10-15)'."""
    from newsprism.records import AnalyzedDocument, Document, Dossier, Precision, Span, StoryAnalysis, TimeExpr
    from newsprism.report.views import _value_spans

    text = "The two leaders spoke on Wednesday, their eighth call this year."
    doc = Document(id="d", text=text, body=((0, len(text)),))
    wed, year = text.index("Wednesday"), text.index("this year")
    times = (
        TimeExpr(Span("d", wed, wed + 9), "Wednesday", "2025-10-15", Precision.DAY, weekday=2),
        TimeExpr(Span("d", year, year + 9), "this year", "2025", Precision.YEAR),
    )
    adoc = AnalyzedDocument(doc, (), (), (), times, ())
    dossier = Dossier((doc,), (), StoryAnalysis((adoc,), ()))
    marked = _value_spans(dossier, "Wednesday (2025-10-15)", Span("d", 0, len(text)), ())
    assert [text[s.start : s.end] for s in marked] == ["Wednesday"]


def test_slot_facts_and_details_say_what_they_are_about() -> None:
    from dataclasses import replace

    d = dossier()
    facts = tuple(replace(f, slot={"F3": "day", "F6": "detail"}.get(f.id, f.slot)) for f in d.alignment.facts)
    d = replace(d, alignment=replace(d.alignment, facts=facts))
    rows = {r.id: r for r in fact_matrix(d, story_of(d))}
    assert rows["F3"].text.startswith("[when] ")
    assert (
        rows["F6"].text
        == "[only here: A new round of talks is expected in Geneva next week] " + rows["F6"].evidence[0].text
    )
    assert not rows["F1"].text.startswith("[")
