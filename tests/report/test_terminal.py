"""The terminal rendering shows the summary, framing, reuse and timeline, and prints article text literally."""

from __future__ import annotations

import io

from report_fixture import dossier
from rich.console import Console

from newsprism.report.terminal import print_summary


def test_terminal_rendering() -> None:
    out = io.StringIO()
    print_summary(dossier(), Console(file=out, width=140, force_terminal=False))
    text = out.getvalue()
    assert "What happened" in text and "Observers from the European Union" in text
    assert "Ilham Aliev" in text and "(Baku regime)" in text
    assert "Border Wire ← Caucasus Daily: copy, 0.61" in text
    assert "2024-02-12" in text and "disputed" in text
