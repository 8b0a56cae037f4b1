"""claimx.ledger: one story across many articles: who gives which figure, who agrees, who not.

    >>> from claimx.ledger import Ledger
    >>> ledger = Ledger("story.db")                               # doctest: +SKIP

Modules: ``core`` (the ``Ledger``), ``store`` (SQLite schema, migrations, atomic writes),
``records`` (claim records), ``keys`` (the figure key), ``identity`` (speakers across
documents), ``groups`` (figure groups, conflicts, corroboration, series), ``frames``
(``to_frame``), ``view`` (HTML and plot), ``cli`` (``claimx ledger ...``), ``scale`` (the
Dask job).
"""
from __future__ import annotations

from .core import Ledger
from .groups import Figure, FigureGroup, Pair, Series
from .keys import figure_key
from .store import SCHEMA_VERSION, LedgerError, LedgerVersionError

__all__ = ["SCHEMA_VERSION", "Figure", "FigureGroup", "Ledger", "LedgerError",
           "LedgerVersionError", "Pair", "Series", "figure_key"]
