"""A dossier for the report tests: the invented story's records plus hand-built synthesis records."""

from __future__ import annotations

from synthesize.invented_story import TEXTS, alignment, analysis, span

from newsprism.records import Dossier, FramingChoice, Precision, ReuseEdge, SummarySentence, TimelineEntry

SCRIPT = "<script>alert('x')</script>"


def dossier() -> Dossier:
    """The invented story; outlet b's text carries a ``<script>`` element, which must show as text."""
    assert SCRIPT in TEXTS["b"]
    an, al = analysis(), alignment()
    framing = (
        FramingChoice(
            "Ilham Aliyev", "E1", (("a", ("Ilham Aliyev",)), ("b", ("Ilham Aliev",)), ("c", ("Ilham Aliyev",)))
        ),
        FramingChoice(
            "war in Karabakh",
            None,
            (("a", ("war in Karabakh",)), ("b", ("Karabakh conflict",))),
            in_quotes=(("c", ("Baku regime",)),),
            kind="label",
        ),
    )
    reuse = (
        ReuseEdge(
            "a",
            "b",
            0.61,
            "copy",
            ((span("a", "Observers from the European Union"), span("b", "Observers from the European Union")),),
        ),
        ReuseEdge("a", "c", 0.04, "common-source"),
    )
    timeline = (
        TimelineEntry("2024-02-11", Precision.DAY, "meet", (span("c", "Sunday"),), disputed=(("a", "2024-02-12"),)),
        TimelineEntry(
            "2024-02-12",
            Precision.DAY,
            "meet",
            (span("a", "Monday"), span("b", "Monday")),
            disputed=(("c", "2024-02-11"),),
        ),
        TimelineEntry("2024-03", Precision.MONTH, "start", (span("a", "next month"),)),
    )
    summary = (
        SummarySentence(
            "Observers from the European Union will monitor the crossing from 1 March, officials said.",
            ("F4",),
            ("a", "b"),
            (
                span("a", "Observers from the European Union will monitor the crossing"),
                span("b", "Observers from the European Union will monitor the crossing"),
            ),
        ),
        SummarySentence(
            "Outlets disagree on the day of the meeting: Caucasus Daily gives Monday; Yerevan Post gives Sunday.",
            ("F1",),
            ("a", "c"),
            (span("a", "in Tbilisi on Monday"), span("c", "in Tbilisi on Sunday")),
        ),
    )
    return Dossier(
        documents=tuple(a.document for a in an.documents),
        inputs=(),
        analysis=an,
        alignment=al,
        framing=framing,
        reuse=reuse,
        timeline=timeline,
        summary=summary,
        created="2024-02-13T09:00:00+00:00",
        version="test",
    )
