"""Source–content attribution F1 on PolNeAR (newsprism vs textacy), and throughput.

A predicted quote is correct when its content span overlaps the Content of a
gold attribution and its speaker (as written in the sentence, before pronoun
resolution: ``Quote.speaker_local``) overlaps that same attribution's Source.
Precision = correct predictions / predictions; recall = gold attributions with
a Source that some correct prediction matches / gold attributions with a
Source (attributions without a Source cannot be scored this way and are only
counted).  Quotations newsprism finds without a speaker claim no attribution and
are left out of its predictions.  textacy's ``direct_quotations`` is scored the same way as a
reference; it raises on a document with an odd number of quotation marks, which
then counts as predicting nothing.

Usage::

    .venv/bin/python benchmarks/attribution_polnear.py [--split dev] [--limit N]

Articles annotated twice are scored against the first annotation.  The default
is the whole dev split (84 articles, ~68k words; about a minute on
one core).  Throughput compares ``nlp.pipe`` alone with the analysis: the whole
``newsprism.analyze.pipeline.analyze_documents`` when it exists, else
``nlp.pipe`` + mentions + ``find_quotes``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsprism.analyze.quotes import find_quotes
from newsprism.analyze.resources import load_spacy
from newsprism.records import Document, Mention, Span

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"
# From the PolNeAR README's statistics table (Newell et al., LREC 2018).
POLNEAR_AGREEMENT = "token-wise Krippendorff's alpha 75.4%, attribution-wise agreement 92.3%"


@dataclass(frozen=True)
class GoldAttribution:
    content: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    gold: tuple[GoldAttribution, ...]


def _ranges(field: str) -> tuple[tuple[int, int], ...]:
    return tuple((int(a), int(b)) for a, b in (part.split() for part in field.split(";")))


def read_ann(path: Path) -> tuple[GoldAttribution, ...]:
    """Brat standoff: ``T`` lines are typed (possibly discontinuous) spans, ``E`` lines tie them together."""
    spans: dict[str, tuple[tuple[int, int], ...]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _kind, _, where = parts[1].partition(" ")
            spans[parts[0]] = _ranges(where)
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    out = []
    for ev in events:
        content = tuple(r for key, tid in ev.items() if key.startswith("Content") for r in spans.get(tid, ()))
        source = tuple(r for key, tid in ev.items() if key.startswith("Source") for r in spans.get(tid, ()))
        if content:
            out.append(GoldAttribution(content, source))
    return tuple(out)


def load_split(split: str, limit: int | None) -> list[Article]:
    root = POLNEAR / split
    articles: list[Article] = []
    for ann in sorted((root / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        text_path = root / "text" / f"{stem}.txt"
        # a few articles were annotated by several annotators: score against the first annotation
        if text_path.exists() and not any(a.name == stem for a in articles):
            articles.append(Article(stem, text_path.read_text(encoding="utf-8"), read_ann(ann)))
        if limit and len(articles) >= limit:
            break
    return articles


# ------------------------------------------------------------ predictions
Prediction = tuple[tuple[int, int], tuple[int, int] | None]  # (content, speaker)


def mentions_of(sdoc, document: Document) -> list[Mention]:  # type: ignore[no-untyped-def]
    """The project's mention finder when present, else spaCy's entities."""
    try:
        from newsprism.analyze.mentions import find_mentions
    except ImportError:
        return [
            Mention(Span(document.id, e.start_char, e.end_char), e.text, e.label_)
            for e in sdoc.ents
            if e.label_ in ("PERSON", "ORG", "GPE", "NORP")
        ]
    return find_mentions(sdoc, document)


def newsprism_predictions(sdoc, document: Document) -> list[Prediction]:  # type: ignore[no-untyped-def]
    out: list[Prediction] = []
    for q in find_quotes(sdoc, document, mentions_of(sdoc, document)):
        spk = q.speaker_local or q.speaker_span
        if spk is not None:  # a quotation with no speaker claims no attribution
            out.append(((q.span.start, q.span.end), (spk.start, spk.end)))
    return out


def textacy_predictions(sdoc) -> tuple[list[Prediction], bool]:  # type: ignore[no-untyped-def]
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(sdoc))
    except ValueError:  # odd number of quotation marks: textacy gives up on the document
        return [], False
    out: list[Prediction] = []
    for t in triples:
        spk = (min(tok.idx for tok in t.speaker), max(tok.idx + len(tok) for tok in t.speaker))
        out.append(((t.content.start_char, t.content.end_char), spk))
    return out, True


def _overlap(a: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(min(a[1], e) > max(a[0], s) for s, e in spans)


@dataclass
class Score:
    predicted: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0

    def add(self, preds: Sequence[Prediction], gold: Sequence[GoldAttribution]) -> None:
        scorable = [g for g in gold if g.source]
        matched: set[int] = set()
        self.predicted += len(preds)
        self.gold += len(scorable)
        for content, speaker in preds:
            hits = [
                n
                for n, g in enumerate(scorable)
                if speaker is not None and _overlap(content, g.content) and _overlap(speaker, g.source)
            ]
            self.correct += bool(hits)
            matched.update(hits)
        self.found += len(matched)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, name: str) -> str:
        return (
            f"{name:10} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"
            f"  ({self.correct}/{self.predicted} predictions correct, {self.found}/{self.gold} gold found)"
        )


# -------------------------------------------------------------- throughput
def _whole_analysis() -> tuple[str, Callable[[list[Document]], None]]:
    """The pipeline's full analysis when it exists, else parse + mentions + quotes."""
    try:
        from newsprism.analyze.pipeline import analyze_documents
    except ImportError:
        analyze_documents = None
    if analyze_documents is not None:
        return "analyze_documents", lambda docs: analyze_documents(docs) and None

    def parse_and_quote(docs: list[Document]) -> None:
        nlp = load_spacy()
        for d, sdoc in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
            find_quotes(sdoc, d, mentions_of(sdoc, d))

    return "nlp.pipe + mentions + find_quotes", parse_and_quote


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--no-speed", action="store_true", help="skip the throughput measurement")
    args = ap.parse_args(argv)

    articles = load_split(args.split, args.limit)
    docs = [Document(id=a.name, text=a.text, body=((0, len(a.text)),)) for a in articles]
    words = sum(len(a.text.split()) for a in articles)
    nlp = load_spacy()
    t0 = time.perf_counter()
    sdocs = list(nlp.pipe(d.text for d in docs))
    t_parse = time.perf_counter() - t0

    ours, ref = Score(), Score()
    textacy_failed = 0
    t_quotes = 0.0
    for art, doc, sdoc in zip(articles, docs, sdocs, strict=True):
        t1 = time.perf_counter()
        preds = newsprism_predictions(sdoc, doc)
        t_quotes += time.perf_counter() - t1
        ours.add(preds, art.gold)
        tpreds, ok = textacy_predictions(sdoc)
        textacy_failed += not ok
        ref.add(tpreds, art.gold)

    no_source = sum(1 for a in articles for g in a.gold if not g.source)
    print(
        f"PolNeAR {args.split}: {len(articles)} articles, {words} words, "
        f"{ours.gold} attributions with a Source ({no_source} without, not scored)"
    )
    print(ours.line("newsprism"))
    print(ref.line("textacy"))
    print(f"  textacy gave up on {textacy_failed} articles (odd number of quotation marks)")
    print(f"F1 difference newsprism - textacy: {ours.f1 - ref.f1:+.3f}")
    print(f"PolNeAR inter-annotator agreement (README): {POLNEAR_AGREEMENT}")
    print(f"mentions + find_quotes on parsed docs: {t_quotes:.2f}s ({words / max(t_quotes, 1e-9):,.0f} words/s)")

    if args.no_speed:
        return
    name, analyse = _whole_analysis()
    t0 = time.perf_counter()
    list(nlp.pipe(d.text for d in docs))
    t_pipe = time.perf_counter() - t0
    t0 = time.perf_counter()
    analyse(docs)
    t_all = time.perf_counter() - t0
    print(
        f"nlp.pipe alone: {words / t_pipe:,.0f} words/s;  {name}: {words / t_all:,.0f} words/s;"
        f"  ratio {t_pipe / t_all:.2f} (first parse took {t_parse:.1f}s)"
    )


if __name__ == "__main__":
    main()
