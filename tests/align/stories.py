"""Invented one-story documents for alignment tests."""

from __future__ import annotations

import datetime as dt

from newsprism.records import Document

D = dt.date(2024, 3, 14)  # a Thursday


def doc(doc_id: str, text: str, published: dt.date | None = D) -> Document:
    return Document(id=doc_id, text=text, body=((0, len(text)),), published=published)
