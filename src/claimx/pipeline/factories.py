"""spaCy factories for the claimx stages, also listed under the ``spacy_factories`` entry point.

``nlp.add_pipe("claimx")`` adds the whole chain as one component; each stage is also a
factory of its own (``claimx_dateline`` ... ``claimx_claims``) for users who want only part.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Optional, Union

from spacy.language import Language
from spacy.tokens import Doc

from ..rules import check_overlays
from .claims import ClaimsStage
from .dateline import DatelineStage
from .hedges import HedgesStage
from .quantities import QuantitiesStage
from .rulefiles import RuleFileStage, load_rule_files, null_config_keys
from .sources import SourcesStage
from .times import TimesStage

#: the spaCy annotations the stages read (the parser's, the tagger's and NER's)
_PARSE = ["token.dep", "token.tag", "token.lemma", "doc.sents", "doc.ents"]
#: what each stage writes (see docs/pipeline.md, "What each stage writes and reads")
ASSIGNS = {
    "claimx_dateline": ["doc._.claimx_context"],
    "claimx_times": ["doc.spans", "span._.claimx_time"],
    "claimx_quantities": ["doc.spans", "span._.claimx_quantity"],
    "claimx_sources": ["doc.spans", "span._.claimx_attribution", "span._.claimx_speaker"],
    "claimx_hedges": ["doc.spans", "span._.claimx_hedge_cue"],
    "claimx_claims": ["doc._.claimx_claims"],
}

#: the stages in the order they run
STAGES = ("claimx_dateline", "claimx_times", "claimx_quantities", "claimx_sources",
          "claimx_hedges", "claimx_claims")


@Language.factory("claimx_dateline", assigns=ASSIGNS["claimx_dateline"],
                  requires=[], default_config={"detect": True, "rules": {}})
def make_dateline(nlp: Language, name: str, detect: bool,
                  rules: Optional[dict[str, str]]) -> DatelineStage:
    return DatelineStage(nlp, name, detect=detect, rules=rules)


@Language.factory("claimx_times", assigns=ASSIGNS["claimx_times"],
                  requires=_PARSE, default_config={"rules": {}, "rules_path": None})
def make_times(nlp: Language, name: str, rules: Optional[dict[str, str]],
               rules_path: Optional[str]) -> TimesStage:
    return TimesStage(nlp, name, rules=rules, rules_path=rules_path)


@Language.factory("claimx_quantities", assigns=ASSIGNS["claimx_quantities"],
                  requires=_PARSE, default_config={"rules": {}, "lexicon_path": None})
def make_quantities(nlp: Language, name: str, rules: Optional[dict[str, str]],
                    lexicon_path: Optional[str]) -> QuantitiesStage:
    return QuantitiesStage(nlp, name, rules=rules, lexicon_path=lexicon_path)


@Language.factory("claimx_sources", assigns=ASSIGNS["claimx_sources"],
                  requires=_PARSE,
                  default_config={"rules": {}, "verbs_path": None, "phrases_path": None})
def make_sources(nlp: Language, name: str, rules: Optional[dict[str, str]],
                 verbs_path: Optional[str], phrases_path: Optional[str]) -> SourcesStage:
    return SourcesStage(nlp, name, rules=rules, verbs_path=verbs_path,
                        phrases_path=phrases_path)


@Language.factory("claimx_hedges", assigns=ASSIGNS["claimx_hedges"],
                  requires=_PARSE, default_config={"rules": {}, "cues_path": None})
def make_hedges(nlp: Language, name: str, rules: Optional[dict[str, str]],
                cues_path: Optional[str]) -> HedgesStage:
    return HedgesStage(nlp, name, rules=rules, cues_path=cues_path)


@Language.factory("claimx_claims", assigns=ASSIGNS["claimx_claims"],
                  requires=_PARSE, default_config={"rules": {}})
def make_claims(nlp: Language, name: str, rules: Optional[dict[str, str]]) -> ClaimsStage:
    return ClaimsStage(nlp, name, rules=rules)


#: every rule file a stage reads, for the combined component's ``rules``
_STAGE_CLASSES = (DatelineStage, TimesStage, QuantitiesStage, SourcesStage, HedgesStage,
                  ClaimsStage)


def _for_stage(rules: Optional[Mapping[str, str]], stage: type[RuleFileStage],
               ) -> dict[str, str]:
    return {k: v for k, v in (rules or {}).items() if k in stage.rule_files}


class ClaimxPipe:
    """All six stages as one component.

    ``rules`` maps any bundled rule file to a user file; each stage gets the files it reads.
    The older single-file keys (``time_rules_path`` ... , see ``_COMBINED_KEYS``) still work,
    as ``legacy_paths``.
    """

    def __init__(self, nlp: Language, name: str, *, detect: bool = True,
                 rules: Optional[Mapping[str, str]] = None,
                 **legacy_paths: Optional[str]) -> None:
        self.name = name
        known = {f for stage in _STAGE_CLASSES for f in stage.rule_files}
        check_overlays(rules, tuple(sorted(known)), name)
        unknown = sorted(set(legacy_paths) - set(_COMBINED_KEYS))
        if unknown:
            raise TypeError(f"ClaimxPipe() got an unexpected keyword argument {unknown[0]!r}")
        paths = {key: legacy_paths.get(key) for key in _COMBINED_KEYS}
        self.stages: list[RuleFileStage] = [
            DatelineStage(nlp, "claimx_dateline", detect=detect,
                          rules=_for_stage(rules, DatelineStage)),
            TimesStage(nlp, "claimx_times", rules=_for_stage(rules, TimesStage),
                       rules_path=paths["time_rules_path"]),
            QuantitiesStage(nlp, "claimx_quantities", rules=_for_stage(rules, QuantitiesStage),
                            lexicon_path=paths["quantity_lexicon_path"]),
            SourcesStage(nlp, "claimx_sources", rules=_for_stage(rules, SourcesStage),
                         verbs_path=paths["verbs_path"], phrases_path=paths["phrases_path"]),
            HedgesStage(nlp, "claimx_hedges", rules=_for_stage(rules, HedgesStage),
                        cues_path=paths["hedge_cues_path"]),
            ClaimsStage(nlp, "claimx_claims", rules=_for_stage(rules, ClaimsStage)),
        ]

    def __call__(self, doc: Doc) -> Doc:
        for stage in self.stages:
            doc = stage(doc)  # type: ignore[operator]
        return doc

    def to_disk(self, path: Union[str, Path], *, exclude: tuple[str, ...] = ()) -> None:
        """Save each stage's user rule files in a folder of its own."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for stage in self.stages:
            stage.to_disk(path / stage.name)
        copied = [key for key, stage_name in _COMBINED_KEYS.items()
                  if key in load_rule_files(path / stage_name)]
        if any("rules" in load_rule_files(path / stage.name) for stage in self.stages):
            copied.append("rules")
        null_config_keys(path.parent / "config.cfg", self.name, copied)

    def from_disk(self, path: Union[str, Path], *,
                  exclude: tuple[str, ...] = ()) -> ClaimxPipe:
        """Use the rule files saved by `to_disk`."""
        path = Path(path)
        for stage in self.stages:
            if (path / stage.name).exists():
                stage.from_disk(path / stage.name)
        return self


#: the combined component's older config keys and the stage key each one is
_COMBINED_KEYS = {"time_rules_path": "claimx_times", "quantity_lexicon_path": "claimx_quantities",
                  "verbs_path": "claimx_sources", "phrases_path": "claimx_sources",
                  "hedge_cues_path": "claimx_hedges"}


@Language.factory("claimx", assigns=sorted({a for v in ASSIGNS.values() for a in v}),
                  requires=_PARSE, default_config={
    "detect": True, "rules": {}, "time_rules_path": None, "quantity_lexicon_path": None,
    "verbs_path": None, "phrases_path": None, "hedge_cues_path": None})
# noqa reason: spaCy passes each config key to the factory as an argument of its own
def make_claimx(nlp: Language, name: str, detect: bool,  # noqa: PLR0913, PLR0917
                rules: Optional[dict[str, str]],
                time_rules_path: Optional[str], quantity_lexicon_path: Optional[str],
                verbs_path: Optional[str], phrases_path: Optional[str],
                hedge_cues_path: Optional[str]) -> ClaimxPipe:
    return ClaimxPipe(nlp, name, detect=detect, rules=rules, time_rules_path=time_rules_path,
                      quantity_lexicon_path=quantity_lexicon_path, verbs_path=verbs_path,
                      phrases_path=phrases_path, hedge_cues_path=hedge_cues_path)
