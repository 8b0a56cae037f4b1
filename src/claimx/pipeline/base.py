"""What every claimx stage shares: the per-text context, read or computed once per Doc."""
from __future__ import annotations

from spacy.tokens import Doc

from ..context import text_context
from ..docinfo import info
from ..records import TextContext
from .annotations import get_context, set_context


def context_of(doc: Doc) -> TextContext:
    """The Doc's per-text context: as the facade or the dateline stage set it, else computed
    from the Doc's own text (for a stage used on its own) and stored."""
    context = get_context(doc)
    if context is None:
        context = text_context(info(doc).text)
        set_context(doc, context)
    return context
