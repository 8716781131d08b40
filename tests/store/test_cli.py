from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsprism.cli.main import cli
from newsprism.store import Store


def test_ingest_then_stories_json(tmp_path: Path) -> None:
    source = tmp_path / "wire.jsonl"
    records = [
        {"id": f"w{i}", "text": f"Report {i}: " + "The council met and voted on the new budget. " * 8 + str(i)}
        for i in range(3)
    ]
    source.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    db = tmp_path / "news.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(source), "--db", str(db), "--no-cluster"])
    assert result.exit_code == 0, result.output
    assert "stored 3 new article(s)" in result.output
    with Store(db) as store:
        store.save_assignments(
            [("w0", "story-000001", 1.0), ("w1", "story-000001", 0.9), ("w2", "story-000002", 1.0)],
            {"story-000001": "Budget vote", "story-000002": None},
        )
    out = tmp_path / "stories.json"
    result = runner.invoke(cli, ["stories", "--db", str(db), "--json", str(out), "--no-cluster"])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text()) == [
        {"id": "story-000001", "title": "Budget vote", "documents": ["w0", "w1"]},
        {"id": "story-000002", "title": None, "documents": ["w2"]},
    ]


def test_bad_database_url_is_a_clean_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["stories", "--db", "postgresql://nobody@127.0.0.1:1/none", "--no-cluster"])
    assert result.exit_code == 1 and "cannot open the store" in result.output
