"""HTML pages -> Document: article text, headings, metadata, NoArticle, encodings; a floor on benchmark pages."""

from __future__ import annotations

import datetime as dt
import gzip
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
import trafilatura

from newsprism.config import Settings
from newsprism.errors import NoArticle
from newsprism.ingest.html import decode_html_bytes, document_from_html
from newsprism.records import Document, RawInput

PARAGRAPHS = [
    "The harbour bridge reopened to traffic on Tuesday morning after eight months of repairs, the city's "
    "transport department said. Engineers replaced corroded cables and resurfaced the deck.",
    '"We are glad to give the bridge back to the people who use it every day," said transport director '
    "Ahmed Karimi, who cut a ribbon at the eastern end shortly after seven o'clock.",
    "The work cost 41 million euros, about a third more than first planned. Council members have asked for an "
    "audit of the contract, which was awarded without a public tender in 2021.",
    "Cyclists will have to wait another two weeks before a separate lane opens, officials said, because the "
    "railings on the northern side still need to be painted and inspected.",
]

ARTICLE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour bridge reopens after repairs | The Coastal Gazette</title>
<meta property="og:site_name" content="The Coastal Gazette">
<meta property="og:title" content="Harbour bridge reopens after repairs">
<meta name="author" content="Maria Lindqvist">
<meta property="article:published_time" content="2023-04-12T08:30:00Z">
<link rel="canonical" href="https://coastal-gazette.example/news/harbour-bridge-reopens">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<h1>Harbour bridge reopens after repairs</h1>
<p class="byline">By Maria Lindqvist</p>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1]}</p>
<h2>Cost overruns</h2>
<p>{PARAGRAPHS[2]}</p>
<p>{PARAGRAPHS[3]}</p>
</article></main>
<footer><p>© 2023 The Coastal Gazette. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""

INDEX_PAGE = """<html><head><title>Sections | Daily Example</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
<ul><li><a href="/a1">Markets rally</a></li><li><a href="/a2">Storm warning</a></li>
<li><a href="/a3">Election results</a></li></ul>
<form><input type="email" placeholder="Email"><button>Subscribe</button></form>
<footer>© Daily Example</footer></body></html>"""


def doc(html: str, meta: dict[str, str] | None = None, settings: Settings | None = None) -> Document:
    return document_from_html(
        RawInput(id="p1", origin="pages/p1.html", html=html, meta=meta or {}), settings or Settings()
    )


def test_article_text_is_the_prose_without_page_furniture() -> None:
    d = doc(ARTICLE)
    assert [d.span_text(r) for r in d.body] == PARAGRAPHS
    for furniture in ("Home", "Share on", "Privacy policy", "All rights reserved", "By Maria"):
        assert furniture not in d.text
    assert d.origin == "pages/p1.html"


def test_section_heading_is_marked_and_kept_out_of_the_body() -> None:
    d = doc(ARTICLE)
    assert [d.span_text(h) for h in d.headings] == ["Cost overruns"]
    assert "Cost overruns" not in d.body_text()
    heading = d.headings[0]
    assert d.body[1][1] < heading[0] < heading[1] < d.body[2][0]  # between the paragraphs it separates


def test_headline_is_the_title_not_text() -> None:
    d = doc(ARTICLE)
    assert d.title == "Harbour bridge reopens after repairs"
    assert "Harbour bridge reopens" not in d.text


def test_a_heading_repeating_the_title_later_in_the_page_is_dropped() -> None:
    page = ARTICLE.replace(
        "<h2>Cost overruns</h2>", "<h2>Cost overruns</h2><h3>Harbour Bridge re-opens after repairs</h3>"
    )
    d = doc(page)
    assert [d.span_text(h) for h in d.headings] == ["Cost overruns"]


def test_metadata_comes_from_the_page() -> None:
    d = doc(ARTICLE)
    assert d.outlet == "The Coastal Gazette"
    assert d.published == dt.date(2023, 4, 12)
    assert d.byline == "Maria Lindqvist"
    assert d.url == "https://coastal-gazette.example/news/harbour-bridge-reopens"
    assert dict(d.metadata_sources) == dict.fromkeys(("title", "outlet", "byline", "published", "url"), "html")


def test_manifest_metadata_wins_over_the_page() -> None:
    meta = {"title": "Bridge back in service", "outlet": "Gazette (print)", "published": "2023-04-13"}
    d = doc(ARTICLE, meta)
    assert d.title == "Bridge back in service"
    assert d.outlet == "Gazette (print)"
    assert d.published == dt.date(2023, 4, 13)
    sources = dict(d.metadata_sources)
    assert sources["byline"] == "html"
    assert {sources[k] for k in meta} == {"given"}
    # the page's own headline is still recognised as such
    assert "Harbour bridge reopens" not in d.text


JS_PAGE = '<html><head><title>App</title></head><body><div id="root"></div><script>render()</script></body></html>'


@pytest.mark.parametrize("page", [INDEX_PAGE, JS_PAGE], ids=["index", "javascript"])
def test_page_without_an_article_raises_no_article(page: str) -> None:
    with pytest.raises(NoArticle) as info:
        doc(page)
    assert info.value.origin == "pages/p1.html"
    assert info.value.hint


def test_empty_page_raises_no_article() -> None:
    with pytest.raises(NoArticle, match="empty"):
        doc("   ")


def test_article_shorter_than_the_setting_raises_and_says_which_setting() -> None:
    strict = Settings().with_values(min_article_chars=5000)
    with pytest.raises(NoArticle, match="min_article_chars=5000") as info:
        doc(ARTICLE, settings=strict)
    assert "lower min_article_chars" in (info.value.hint or "")
    assert doc(ARTICLE, settings=Settings().with_values(min_article_chars=100)).body


# ------------------------------------------------------------- encodings
FRENCH = (
    "<p>Le député de Besançon a été réélu dimanche à une large majorité, a annoncé la préfecture. "
    "« C'est une victoire pour toute la région », a déclaré l'élu, très ému, devant ses électeurs réunis à "
    "l'hôtel de ville. Les résultats définitifs seront publiés lundi matin, après vérification des procès-verbaux.</p>"
)


def test_latin1_page_with_a_meta_charset_is_decoded_without_a_note() -> None:
    page = f'<html><head><meta charset="iso-8859-1"><title>Élection</title></head><body>{FRENCH}</body></html>'
    text, note = decode_html_bytes(page.encode("latin-1"))
    assert text == page
    assert note is None


def test_latin1_page_without_a_charset_is_guessed_and_says_so() -> None:
    page = f"<html><head><title>Élection</title></head><body>{FRENCH}</body></html>"
    text, note = decode_html_bytes(page.encode("latin-1"))
    assert text == page  # è, ç, « » survive: windows-1252 wins the tie with other Latin code pages
    assert note is not None and "guessed" in note


def test_utf8_page_without_a_charset_needs_no_guess() -> None:
    page = f"<html><body>{FRENCH}</body></html>"
    assert decode_html_bytes(page.encode("utf-8")) == (page, None)


def test_wrongly_declared_charset_is_reported() -> None:
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>{FRENCH}</html>'
    text, note = decode_html_bytes(page.encode("cp1252"))
    assert text == page
    assert note is not None and "declares charset utf-8" in note


def test_http_equiv_windows_1252_and_a_bom() -> None:
    page = f'<meta http-equiv="content-type" content="text/html;charset=windows-1252"><p>“Quoted” – {FRENCH}'
    assert decode_html_bytes(page.encode("cp1252")) == (page, None)
    assert decode_html_bytes(b"\xef\xbb\xbf" + page.encode("utf-8")) == (page, None)


# ------------------------------------------------------------- benchmark
# Pages of ../shared/data/article-extraction-benchmark, each with a floor slightly under newsprism's measured F1.
# f8ff: precision mode finds only a reprint notice, the balanced retry recovers the story (measured 0.860);
# fde9: a newsletter where precision mode drops the link lists trafilatura's defaults keep (1.000 vs 0.441);
# 042b: a paywalled teaser (1.000 vs 0.759); 5f03: a post with section headings (0.976); 33fe: headline twice (0.977).
BENCHMARK_FLOORS = {
    "f8ff621a0b9b7646cc0d57d37416feabba2bf78ef5dd0bfc5b080f9f97bbe584": 0.84,
    "fde930b01859de8311c6a14f8aa8c72be0659b551367803deb6736cf3526cf2e": 0.97,
    "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856": 0.97,
    "5f03fc173ebc6abdfae50b96ce0b05a6137b7d3f2ef379be35a9bb8ca9f49e87": 0.95,
    "33fe2471fd553c6570f93997f208b4f39bf30be5947c3cfa620ee8eff3355ab9": 0.95,
}


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    """The benchmark script, whose scoring replicates the benchmark's evaluate.py."""
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "html_extraction.py"
    spec = importlib.util.spec_from_file_location("html_extraction_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_pages_stay_above_their_floors(shared_dir: Path, scorer: ModuleType) -> None:
    data = shared_dir / "data" / "article-extraction-benchmark"
    gold = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    ours, theirs = [], []
    for key, floor in BENCHMARK_FLOORS.items():
        with gzip.open(data / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as fh:
            html = fh.read()
        truth = gold[key]["articleBody"]
        ours.append(scorer.page_f1(scorer.shingle_counts(truth, scorer.newsprism_text(key, html, Settings()))))
        theirs.append(scorer.page_f1(scorer.shingle_counts(truth, trafilatura.extract(html) or "")))
        assert ours[-1] >= floor, f"{key}: F1 {ours[-1]:.3f} fell below its floor {floor}"
    assert sum(ours) >= sum(theirs)


def test_benchmark_scoring_matches_evaluate_py(scorer: ModuleType) -> None:
    # evaluate.py: 4-token shingles, counts normalised by TP+FP+FN; empty output -> recall 0, no precision
    assert scorer.shingle_counts("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    tp, fp, fn = scorer.shingle_counts("one two three four five six", "one two three four")
    assert (tp, fp, fn) == (1 / 3, 0.0, 2 / 3)
    assert scorer.aggregate([(1 / 3, 0.0, 2 / 3), (0.0, 0.0, 1.0)]) == pytest.approx(
        {"precision": 1.0, "recall": 1 / 6, "f1": 2 * (1 / 6) / (1 + 1 / 6)}
    )
