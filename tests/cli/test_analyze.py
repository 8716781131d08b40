"""`newsprism analyze` through click's CliRunner: reports written, clear errors, help for every command.

The full analysis loads the real models, so it runs once (module-scoped ``analyzed`` fixture) on a small
story written for this test, and several tests read its outputs.  The error paths fail before any model
is loaded and are fast.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from newsprism.cli.main import COMMANDS, cli
from newsprism.config import SETTINGS
from newsprism.records import SCHEMA_VERSION

LAKESIDE = """Home › Local › Transport
Ferry operator suspends lake crossings after engine fire
By Tom Berger
A ferry operator on Lake Constance suspended all crossings between Konstanz and Meersburg on Saturday after a \
fire broke out in the engine room of one of its vessels.
The 62 passengers on board were evacuated to a second ferry and nobody was injured, police said.
"The crew acted quickly and by the book," company spokesperson Lena Hartmann told reporters in Konstanz.
Investigators expect to publish their first findings on Wednesday.
Share on Facebook
© 2024 Lakeside Post. All rights reserved.
"""

ALPINE = """KONSTANZ (Alpine Wire) - Ferry services between Konstanz and Meersburg were halted on Saturday after an \
engine-room fire on a car ferry carrying about 60 passengers.
Police said all passengers were moved safely to another ship and there were no injuries.
Company spokesperson Lena Hartmann said the crew "acted quickly and by the book" and that the remaining ferries \
would be inspected on Sunday.
Subscribe to our newsletter
"""

MANIFEST = "path,published\nlakeside_post.txt,2024-06-08\nalpine_wire.txt,2024-06-08\n"


@dataclass(frozen=True)
class Run:
    folder: Path
    out: Path
    result: Result
    dossier: dict[str, Any]

    def doc(self, doc_id: str) -> dict[str, Any]:
        return next(d for d in self.dossier["documents"] if d["id"] == doc_id)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory: pytest.TempPathFactory) -> Run:
    folder = tmp_path_factory.mktemp("ferry")
    (folder / "lakeside_post.txt").write_text(LAKESIDE, encoding="utf-8")
    (folder / "alpine_wire.txt").write_text(ALPINE, encoding="utf-8")
    (folder / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    (folder / "blank.txt").write_text("", encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.7\n")
    out = tmp_path_factory.mktemp("report")
    result = invoke("analyze", str(folder), "--out", str(out))
    assert result.exit_code == 0, result.output
    return Run(folder, out, result, json.loads((out / "dossier.json").read_text(encoding="utf-8")))


def test_out_dir_gets_json_markdown_and_html(analyzed: Run) -> None:
    for name in ("dossier.json", "dossier.md", "dossier.html"):
        assert str(analyzed.out / name) in analyzed.result.output.replace("\n", "")  # rich may wrap long paths
        assert (analyzed.out / name).stat().st_size > 0
    assert "<html" in (analyzed.out / "dossier.html").read_text(encoding="utf-8").lower()
    assert "Lakeside Post" in (analyzed.out / "dossier.md").read_text(encoding="utf-8")


def test_json_has_schema_documents_and_inputs(analyzed: Run) -> None:
    dossier = analyzed.dossier
    assert dossier["schema"] == SCHEMA_VERSION
    assert sorted(d["id"] for d in dossier["documents"]) == ["alpine_wire", "lakeside_post"]
    outcomes = {Path(r["origin"]).name: r["outcome"] for r in dossier["inputs"]}
    assert outcomes == {
        "alpine_wire.txt": "ok",
        "lakeside_post.txt": "ok",
        "blank.txt": "skipped",
        "scan.pdf": "skipped",
    }
    for key in ("facts", "entities", "quotes", "contradictions", "timeline", "summary"):
        assert isinstance(dossier[key], list)


def test_document_text_is_the_file_and_metadata_is_read(analyzed: Run) -> None:
    lakeside, alpine = analyzed.doc("lakeside_post"), analyzed.doc("alpine_wire")
    assert lakeside["text"] == LAKESIDE and alpine["text"] == ALPINE
    assert (lakeside["outlet"], lakeside["byline"], lakeside["title"]) == (
        "Lakeside Post",
        "Tom Berger",
        "Ferry operator suspends lake crossings after engine fire",
    )
    assert (alpine["outlet"], alpine["dateline"]) == ("Alpine Wire", "KONSTANZ")
    assert lakeside["published"] == alpine["published"] == "2024-06-08"  # from the folder's manifest
    for doc in (lakeside, alpine):
        text = doc["text"]
        body = " ".join(text[s:e] for s, e in doc["body"])
        assert "Share on Facebook" not in body and "Subscribe" not in body and "©" not in body
        assert "KONSTANZ" not in body and "By Tom Berger" not in body


def test_the_two_outlets_share_facts(analyzed: Run) -> None:
    shared = [f for f in analyzed.dossier["facts"] if len({s["doc"] for s in f["support"]}) == 2]
    assert shared, "two reports of the same ferry fire should share at least one fact"
    for fact in analyzed.dossier["facts"]:
        for span in fact["support"]:
            assert analyzed.doc(span["doc"])["text"][span["start"] : span["end"]] == span["text"]


def test_every_sentence_lies_in_the_body_and_every_body_line_has_one(analyzed: Run) -> None:
    for doc in analyzed.dossier["documents"]:
        body = [tuple(r) for r in doc["body"]]
        for start, end in doc["sentences"]:
            assert any(s <= start and end <= e for s, e in body), doc["text"][start:end]
        for s, e in body:
            assert any(s <= start < e for start, _ in doc["sentences"]), doc["text"][s:e]
    for sentence in analyzed.dossier["summary"]:
        assert "Subscribe" not in sentence["text"] and "Share on" not in sentence["text"], sentence["text"]


def test_summary_printed_with_input_counts(analyzed: Run) -> None:
    assert "2 read, 2 skipped, 0 failed" in analyzed.result.output


def test_nothing_readable_exits_non_zero_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    (tmp_path / "b.txt").write_text("\n\n", encoding="utf-8")
    out = tmp_path / "out.json"
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--json", str(out)])
    assert result.exit_code == 1
    assert "no article could be read" in result.output and "empty" in result.output
    assert not out.exists()


def test_empty_folder_says_no_files_found(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--json", str(tmp_path / "d.json")])
    assert result.exit_code == 1 and "no files found" in result.output


def test_size_limit_from_set_fails_every_input_clearly(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(LAKESIDE, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["analyze", str(tmp_path), "--json", str(tmp_path / "d.json"), "--set", "max_input_bytes=100"]
    )
    assert result.exit_code == 1
    assert "over the limit of 100" in result.output


def test_unknown_setting_is_a_usage_error_naming_the_known_ones(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--set", "nosuchkey=1"])
    assert result.exit_code == 2
    assert "nosuchkey" in result.output and "known settings" in result.output
    assert all(key in result.output for key in SETTINGS)


@pytest.mark.parametrize("pair", ["max_input_bytes", "max_input_bytes=lots"])
def test_malformed_setting_is_a_usage_error(tmp_path: Path, pair: str) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--set", pair])
    assert result.exit_code == 2 and "--set" in result.output


def test_no_paths_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["analyze"])
    assert result.exit_code == 2 and "at least one file or folder" in result.output


def test_missing_manifest_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--manifest", str(tmp_path / "nope.csv")])
    assert result.exit_code == 2 and "nope.csv" in result.output


def test_unwritable_report_path_fails_before_the_analysis(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(LAKESIDE, encoding="utf-8")
    blocker = tmp_path / "taken"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path / "story.txt"), "--md", str(blocker / "sub" / "r.md")])
    assert result.exit_code == 2
    assert "not a writable folder" in " ".join(result.output.split())
    assert "analysing" not in result.output  # refused before any model was loaded


def test_top_level_help_lists_every_command() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command.name in result.output


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_every_command_has_help(command: click.Command) -> None:
    assert command.name and command.help, f"{command.name} has no docstring"
    result = invoke(command.name, "--help")
    assert result.exit_code == 0
    assert result.output.startswith(f"Usage: cli {command.name}") or f"{command.name} [OPTIONS]" in result.output
    first_line = command.help.strip().splitlines()[0][:40]
    assert " ".join(first_line.split()) in " ".join(result.output.split())
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"{command.name} {param.opts[0]} has no help text"
