"""Files and folders -> Documents: every input ends ok / skipped / failed / duplicate, and the run goes on.

Inputs are built by hand in ``tmp_path``; each bad input sits beside a good one that must still be read.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.errors import EmptyInput, InputError
from newsprism.ingest import documents_from_raw, read_inputs
from newsprism.ingest.files import READERS, decode_text, load_manifest
from newsprism.records import Document, InputReport, Outcome, RawInput

GOOD = """Storm floods coastal towns in Galicia
By Ana Ruiz
Heavy rain and winds of up to 120 kilometres an hour flooded the centres of three coastal towns in Galicia \
on Sunday night, the regional government said.
Emergency services rescued 14 people from cars trapped by water near the port of Vigo, a spokesperson said.
Schools in the province of Pontevedra will stay closed on Monday while engineers inspect two damaged bridges.
"""

# The same story, written differently (another outlet): not a duplicate of GOOD.
OTHER = """Galicia counts the cost after overnight floods
Residents of Baiona and Cangas spent Monday clearing mud from shops and homes after the worst flooding in a \
decade swept through the old towns.
The regional president said a damage assessment would be sent to Madrid by the end of the week.
"""

# cp1252 prose: é, ç and a curly apostrophe (0x92) are not UTF-8.
LATIN = (
    "Le ministre de l’Économie a déclaré mardi que la réforme des retraites était nécessaire pour garantir "
    "l’équilibre financier du système, selon un communiqué publié à Paris.\n"
    "Les syndicats ont annoncé une grève générale pour la semaine prochaine et promettent des manifestations "
    "dans toutes les grandes villes françaises.\n"
)

PAGE_WITHOUT_ARTICLE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Search results</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><form><input name="q"></form>
<p>No results.</p><footer>© 2024 Example Media</footer></body></html>
"""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def by_origin(reports: list[InputReport]) -> dict[str, InputReport]:
    return {Path(r.origin).name if "#" not in r.origin else r.origin.rsplit("/", 1)[-1]: r for r in reports}


def read(paths: list[Path], settings: Settings | None = None, manifest: Path | None = None):
    docs, reports = read_inputs(paths, settings or Settings(), manifest)
    return {d.id: d for d in docs}, by_origin(reports)


def test_a_folder_is_read_recursively_in_order(tmp_path: Path) -> None:
    write(tmp_path, "b_second.txt", OTHER)
    write(tmp_path, "sub/a_first.txt", GOOD)
    write(tmp_path, ".hidden.txt", GOOD + "x")
    docs, reports = read_inputs([tmp_path], Settings())
    assert [d.id for d in docs] == ["b_second", "a_first"]  # sorted by path: "b_second.txt" < "sub/..."
    assert [r.outcome for r in reports] == [Outcome.OK, Outcome.OK]
    assert docs[1].title == "Storm floods coastal towns in Galicia" and docs[1].byline == "Ana Ruiz"


def test_empty_file_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "blank.txt", "  \n\n\t\n")
    write(tmp_path, "good.txt", GOOD)
    docs, reports = read([tmp_path])
    assert list(docs) == ["good"]
    for name in ("empty.txt", "blank.txt"):
        assert reports[name].outcome is Outcome.SKIPPED
        assert "empty" in (reports[name].reason or "")


def test_binary_file_fails_and_the_rest_read(tmp_path: Path) -> None:
    write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4)
    write(tmp_path, "good.txt", GOOD)
    docs, reports = read([tmp_path])
    assert list(docs) == ["good"]
    assert reports["photo.txt"].outcome is Outcome.FAILED
    assert "binary" in (reports["photo.txt"].reason or "")


def test_cp1252_file_is_decoded_with_a_note_saying_it_guessed(tmp_path: Path) -> None:
    path = write(tmp_path, "paris.txt", LATIN.encode("cp1252"))
    docs, reports = read([tmp_path])
    doc = docs["paris"]
    assert "l’Économie a déclaré" in doc.text and "réforme" in doc.text
    assert doc.body and doc.span_text(doc.body[0]).startswith("Le ministre")
    report = reports["paris.txt"]
    assert report.outcome is Outcome.OK
    assert len(report.notes) == 1 and "not UTF-8" in report.notes[0] and "guess" in report.notes[0]
    assert path.read_bytes() != doc.text.encode("utf-8")


def test_utf8_is_decoded_without_a_note() -> None:
    text, note = decode_text("x.txt", "Zürich – «quoted» ✓".encode())
    assert (text, note) == ("Zürich – «quoted» ✓", None)
    with pytest.raises(EmptyInput):
        decode_text("x.txt", b" \n ")


def test_file_over_the_size_limit_fails_with_a_clear_message(tmp_path: Path) -> None:
    write(tmp_path, "long.txt", GOOD)
    write(tmp_path, "short.txt", "Short text, but it is a whole sentence of prose for sure.\n")
    settings = Settings().with_values(max_input_bytes=100)
    docs, reports = read([tmp_path], settings)
    assert list(docs) == ["short"]
    reason = reports["long.txt"].reason or ""
    assert reports["long.txt"].outcome is Outcome.FAILED
    assert "over the limit of 100" in reason and "max_input_bytes" in reason


def test_unsupported_suffix_is_skipped_with_its_reason(tmp_path: Path) -> None:
    write(tmp_path, "scan.pdf", b"%PDF-1.7\n")
    write(tmp_path, "README", "notes")
    write(tmp_path, "good.txt", GOOD)
    docs, reports = read([tmp_path])
    assert list(docs) == ["good"]
    assert reports["scan.pdf"].outcome is Outcome.SKIPPED and ".pdf" in (reports["scan.pdf"].reason or "")
    assert reports["README"].outcome is Outcome.SKIPPED and "no suffix" in (reports["README"].reason or "")


def test_missing_path_fails_without_stopping_the_run(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", GOOD)
    docs, reports = read([tmp_path / "nowhere.txt", good])
    assert list(docs) == ["good"]
    assert reports["nowhere.txt"].outcome is Outcome.FAILED


def test_duplicate_file_names_the_first(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "b.txt", "\n" + GOOD + "\n\n")  # same article, other blank lines around it
    write(tmp_path, "c.txt", OTHER)
    docs, reports = read([tmp_path])
    assert list(docs) == ["a", "c"]
    dup = reports["b.txt"]
    assert dup.outcome is Outcome.DUPLICATE and dup.doc_id == "a" and "a" in (dup.reason or "")


def test_same_stem_in_two_folders_gets_distinct_ids(tmp_path: Path) -> None:
    write(tmp_path, "x/story.txt", GOOD)
    write(tmp_path, "y/story.txt", OTHER)
    docs, _ = read([tmp_path])
    assert sorted(docs) == ["story", "story-2"]


def test_text_without_prose_fails_with_a_reason(tmp_path: Path) -> None:
    write(tmp_path, "menu.txt", "Home\nNews\nSport\nShare on Facebook\n")
    write(tmp_path, "good.txt", GOOD)
    docs, reports = read([tmp_path])
    assert list(docs) == ["good"]
    assert reports["menu.txt"].outcome is Outcome.FAILED and "prose" in (reports["menu.txt"].reason or "")


def test_jsonl_bad_line_and_record_without_text_do_not_stop_the_rest(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "gal-1", "text": GOOD, "outlet": "Faro Diario", "published": "2024-01-14"}),
        "{not json at all",
        json.dumps({"id": "gal-2", "title": "no text here", "url": "https://example.org/x"}),
        "",
        json.dumps({"text": OTHER, "url": "https://example.org/galicia-cost"}),
        json.dumps(["a", "list"]),
    ]
    write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    docs, reports = read([tmp_path])
    assert list(docs) == ["gal-1", "feed-5"]
    assert docs["gal-1"].outlet == "Faro Diario" and docs["gal-1"].published == dt.date(2024, 1, 14)
    assert dict(docs["gal-1"].metadata_sources)["outlet"] == "given"
    assert docs["feed-5"].url == "https://example.org/galicia-cost"
    assert reports["feed.jsonl#2"].outcome is Outcome.FAILED and "line 2" in (reports["feed.jsonl#2"].reason or "")
    assert reports["feed.jsonl#3"].outcome is Outcome.SKIPPED and "text" in (reports["feed.jsonl#3"].reason or "")
    assert reports["feed.jsonl#6"].outcome is Outcome.SKIPPED
    assert docs["gal-1"].origin and docs["gal-1"].origin.endswith("feed.jsonl#1")


def test_json_array_and_broken_json(tmp_path: Path) -> None:
    write(tmp_path, "two.json", json.dumps([{"text": GOOD}, {"text": OTHER, "outlet": "Galicia Hoxe"}]))
    write(tmp_path, "broken.json", '{"text": "unterminated')
    docs, reports = read([tmp_path])
    assert list(docs) == ["two-1", "two-2"] and docs["two-2"].outlet == "Galicia Hoxe"
    assert reports["broken.json"].outcome is Outcome.FAILED and "JSON" in (reports["broken.json"].reason or "")


def test_manifest_values_win_over_guessed_ones(tmp_path: Path) -> None:
    write(tmp_path, "galicia.txt", GOOD)
    write(tmp_path, "cost.txt", OTHER)
    write(
        tmp_path,
        "manifest.csv",
        "path,outlet,url,published,title\n"
        "galicia.txt,Faro Diario,https://faro.example/a,2024-01-14,Floods in Galicia\n"
        "cost.txt,Galicia Hoxe,,,\n",
    )
    docs, reports = read([tmp_path])
    assert "manifest.csv" not in reports  # the manifest is metadata, not an input
    galicia, cost = docs["galicia"], docs["cost"]
    assert (galicia.outlet, galicia.url, galicia.published, galicia.title) == (
        "Faro Diario",
        "https://faro.example/a",
        dt.date(2024, 1, 14),
        "Floods in Galicia",
    )
    assert galicia.byline == "Ana Ruiz"  # not in the manifest: still read from the text
    assert dict(galicia.metadata_sources) == {
        "title": "given",
        "outlet": "given",
        "byline": "text",
        "published": "given",
        "url": "given",
    }
    assert cost.outlet == "Galicia Hoxe"
    assert (cost.url, cost.published) == (None, None)  # empty manifest cells give nothing


def test_manifest_given_explicitly(tmp_path: Path) -> None:
    article = write(tmp_path, "in/galicia.txt", GOOD)
    manifest = write(
        tmp_path, "meta/list.csv", 'path,outlet,published\n../in/galicia.txt, Faro Diario ,"Jan 15, 2024"\n'
    )
    assert load_manifest(manifest) == {article.resolve(): {"outlet": "Faro Diario", "published": "Jan 15, 2024"}}
    docs, _ = read([article], manifest=manifest)
    assert (docs["galicia"].outlet, docs["galicia"].published) == ("Faro Diario", dt.date(2024, 1, 15))


def test_manifest_without_path_column_is_an_input_error(tmp_path: Path) -> None:
    manifest = write(tmp_path, "m.csv", "file,outlet\na.txt,X\n")
    with pytest.raises(InputError, match="path"):
        load_manifest(manifest)


def test_html_page_without_article_fails_with_no_article(tmp_path: Path) -> None:
    write(tmp_path, "search.html", PAGE_WITHOUT_ARTICLE)
    write(tmp_path, "empty.htm", "")
    write(tmp_path, "good.txt", GOOD)
    docs, reports = read([tmp_path])
    assert list(docs) == ["good"]
    assert reports["search.html"].outcome is Outcome.FAILED
    assert "article" in (reports["search.html"].reason or "").lower()
    assert reports["empty.htm"].outcome is Outcome.SKIPPED


def test_every_input_gets_exactly_one_report(tmp_path: Path) -> None:
    names = {"a.txt": GOOD, "b.txt": GOOD, "c.txt": "", "d.pdf": "x", "e.html": PAGE_WITHOUT_ARTICLE, "f.txt": OTHER}
    for name, content in names.items():
        write(tmp_path, name, content)
    docs, reports = read_inputs([tmp_path], Settings())
    assert sorted(Path(r.origin).name for r in reports) == sorted(names)
    ok = [r for r in reports if r.outcome is Outcome.OK]
    assert sorted(r.doc_id for r in ok) == sorted(d.id for d in docs) == ["a", "f"]


def test_documents_from_raw_takes_records_from_any_source() -> None:
    raws = [
        RawInput(id="wire", origin="feed#1", text=GOOD, meta={"outlet": "Wire"}),
        RawInput(id="wire", origin="feed#2", text=OTHER),
        RawInput(id="copy", origin="feed#3", text=GOOD),
    ]
    docs, reports = documents_from_raw(raws, Settings())
    assert [d.id for d in docs] == ["wire", "wire-2"]
    assert all(isinstance(d, Document) for d in docs)
    assert [r.outcome for r in reports] == [Outcome.OK, Outcome.OK, Outcome.DUPLICATE]
    assert reports[2].doc_id == "wire"


def test_readers_registry_covers_the_documented_suffixes() -> None:
    assert {".txt", ".html", ".htm", ".jsonl", ".json"} <= set(READERS)
