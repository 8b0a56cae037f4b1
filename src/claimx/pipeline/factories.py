"""spaCy factories for the claimx stages, also listed under the ``spacy_factories`` entry point.

``nlp.add_pipe("claimx")`` adds the whole chain as one component; each stage is also a
factory of its own (``claimx_dateline`` ... ``claimx_claims``) for users who want only part.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Union

from spacy.language import Language
from spacy.tokens import Doc

from .claims import ClaimsStage
from .dateline import DatelineStage
from .hedges import HedgesStage
from .quantities import QuantitiesStage
from .rulefiles import load_rule_files, null_config_keys
from .sources import SourcesStage
from .times import TimesStage

#: the stages in the order they run
STAGES = ("claimx_dateline", "claimx_times", "claimx_quantities", "claimx_sources",
          "claimx_hedges", "claimx_claims")


@Language.factory("claimx_dateline", default_config={"detect": True})
def make_dateline(nlp: Language, name: str, detect: bool) -> DatelineStage:
    return DatelineStage(nlp, name, detect=detect)


@Language.factory("claimx_times", default_config={"rules_path": None})
def make_times(nlp: Language, name: str, rules_path: Optional[str]) -> TimesStage:
    return TimesStage(nlp, name, rules_path=rules_path)


@Language.factory("claimx_quantities", default_config={"lexicon_path": None})
def make_quantities(nlp: Language, name: str, lexicon_path: Optional[str]) -> QuantitiesStage:
    return QuantitiesStage(nlp, name, lexicon_path=lexicon_path)


@Language.factory("claimx_sources", default_config={"verbs_path": None, "phrases_path": None})
def make_sources(nlp: Language, name: str, verbs_path: Optional[str],
                 phrases_path: Optional[str]) -> SourcesStage:
    return SourcesStage(nlp, name, verbs_path=verbs_path, phrases_path=phrases_path)


@Language.factory("claimx_hedges", default_config={"cues_path": None})
def make_hedges(nlp: Language, name: str, cues_path: Optional[str]) -> HedgesStage:
    return HedgesStage(nlp, name, cues_path=cues_path)


@Language.factory("claimx_claims")
def make_claims(nlp: Language, name: str) -> ClaimsStage:
    return ClaimsStage(nlp, name)


class ClaimxPipe:
    """All six stages as one component."""

    def __init__(self, nlp: Language, name: str, **config) -> None:
        self.name = name
        self.stages = [
            DatelineStage(nlp, "claimx_dateline", detect=config.get("detect", True)),
            TimesStage(nlp, "claimx_times", rules_path=config.get("time_rules_path")),
            QuantitiesStage(nlp, "claimx_quantities",
                            lexicon_path=config.get("quantity_lexicon_path")),
            SourcesStage(nlp, "claimx_sources", verbs_path=config.get("verbs_path"),
                         phrases_path=config.get("phrases_path")),
            HedgesStage(nlp, "claimx_hedges", cues_path=config.get("hedge_cues_path")),
            ClaimsStage(nlp, "claimx_claims"),
        ]

    def __call__(self, doc: Doc) -> Doc:
        for stage in self.stages:
            doc = stage(doc)
        return doc

    def to_disk(self, path: Union[str, Path], *, exclude=()) -> None:
        """Save each stage's user rule files in a folder of its own."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for stage in self.stages:
            if hasattr(stage, "to_disk"):
                stage.to_disk(path / stage.name)
        copied = [key for key, stage_name in _COMBINED_KEYS.items()
                  if load_rule_files(path / stage_name)]
        null_config_keys(path.parent / "config.cfg", self.name, copied)

    def from_disk(self, path: Union[str, Path], *, exclude=()) -> ClaimxPipe:
        """Use the rule files saved by :meth:`to_disk`."""
        path = Path(path)
        for stage in self.stages:
            if hasattr(stage, "from_disk") and (path / stage.name).exists():
                stage.from_disk(path / stage.name)
        return self


#: the combined component's config keys and the stage whose rule file each one names
_COMBINED_KEYS = {"time_rules_path": "claimx_times", "quantity_lexicon_path": "claimx_quantities",
                  "verbs_path": "claimx_sources", "phrases_path": "claimx_sources",
                  "hedge_cues_path": "claimx_hedges"}


@Language.factory("claimx", default_config={
    "detect": True, "time_rules_path": None, "quantity_lexicon_path": None,
    "verbs_path": None, "phrases_path": None, "hedge_cues_path": None})
def make_claimx(nlp: Language, name: str, detect: bool, time_rules_path: Optional[str],
                quantity_lexicon_path: Optional[str], verbs_path: Optional[str],
                phrases_path: Optional[str], hedge_cues_path: Optional[str]) -> ClaimxPipe:
    return ClaimxPipe(nlp, name, detect=detect, time_rules_path=time_rules_path,
                      quantity_lexicon_path=quantity_lexicon_path, verbs_path=verbs_path,
                      phrases_path=phrases_path, hedge_cues_path=hedge_cues_path)
