"""The user's rule files of a stage: checked, saved by ``to_disk`` and found by ``from_disk``.

Every stage names the bundled rule files it reads (``rule_files``); its ``rules`` config maps
any of them to a user file, merged by the one rule of `claimx.rules`. Some stages also
keep an older config key naming one user file (``verbs_path``, ``cues_path`` ...).
"""
from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Optional, Union

from ..rules import Overlay, RuleFileError, check_overlays

#: the file, in a saved component's directory, naming the copied user rule files
RULES_MANIFEST = "claimx_rules.json"
#: the folder, in a saved component's directory, holding copies of ``rules`` files
RULES_DIR = "rules"


def _save(source: Overlay, target: Path) -> None:
    """Copy a user rule file (or write given content) to ``target``."""
    if isinstance(source, (str, Path)):
        if Path(source).is_dir():  # a folder of rule files (the times stage's rules_path)
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copyfile(source, target)
        return
    if isinstance(source, list):
        target.write_text("".join(json.dumps(row) + "\n" for row in source), encoding="utf-8")
    else:
        target.write_text(json.dumps(source, indent=1), encoding="utf-8")


def save_rule_files(name: str, path: Union[str, Path], rules: Mapping[str, Overlay],
                    legacy: Mapping[str, Optional[Union[str, Path]]]) -> None:
    """``to_disk`` for a claimx stage: copy its user rule files into the component directory
    ``path``, and point the saved ``config.cfg`` away from the originals (to null), so the
    saved pipeline is self-contained and loads where the originals are gone."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {}
    for key, source in legacy.items():
        if source:
            target = f"{key}{Path(source).suffix}"
            _save(source, path / target)
            manifest[key] = target
    if rules:
        (path / RULES_DIR).mkdir(exist_ok=True)
        manifest["rules"] = {}
        for file_name, overlay in rules.items():
            _save(overlay, path / RULES_DIR / file_name)
            manifest["rules"][file_name] = f"{RULES_DIR}/{file_name}"
    (path / RULES_MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    if manifest:
        null_config_keys(path.parent / "config.cfg", name, list(manifest))


def null_config_keys(config_file: Path, component: str, keys: list[str]) -> None:
    """Set ``keys`` of a component's section in a saved ``config.cfg`` to null.

    spaCy writes config.cfg before the components' own ``to_disk``; a rule file copied
    into the component directory replaces the original path, so the saved pipeline loads
    where the original file is gone.
    """
    if not config_file.exists():
        return
    from thinc.api import Config

    config = Config().from_disk(config_file, interpolate=False)
    section = config.get("components", {}).get(component)
    if section is None:
        return
    for key in keys:
        if key in section:
            section[key] = None
    config.to_disk(config_file)


def load_rule_files(path: Union[str, Path]) -> dict[str, Any]:
    """``from_disk`` for a claimx stage: the copied rule files, as {config key: path}, with
    the copies of ``rules`` files under ``"rules"`` as {bundled file name: path}."""
    manifest = Path(path) / RULES_MANIFEST
    if not manifest.exists():
        return {}
    names = json.loads(manifest.read_text(encoding="utf-8"))
    out: dict[str, Any] = {}
    for key, value in names.items():
        if key == "rules":
            out["rules"] = {file: str(Path(path) / rel) for file, rel in value.items()}
        else:
            out[key] = str(Path(path) / value)
    return out


class RuleFileStage:
    """A stage that reads rule files: its ``rules`` config, older single-file keys, and
    ``to_disk``/``from_disk`` of the user's files.

    A subclass lists the bundled files it reads in ``rule_files`` and its older config keys
    in ``legacy_keys``, and rebuilds its finder in ``build_finder()``.
    """

    name: str
    rule_files: tuple[str, ...] = ()
    legacy_keys: tuple[str, ...] = ()
    rules: dict[str, Overlay]

    def init_rules(self, rules: Optional[Mapping[str, Overlay]], **legacy: Any) -> None:
        """Check and keep the user's rule files, then build the finder."""
        self.rules = check_overlays(rules, self.rule_files, self.name)
        for key in self.legacy_keys:
            setattr(self, key, legacy.get(key))
        self.build_finder()

    def build_finder(self) -> None:
        raise NotImplementedError

    def to_disk(self, path: Union[str, Path], *, exclude: tuple[str, ...] = ()) -> None:
        """Save copies of the user rule files with the pipeline."""
        save_rule_files(self.name, path, self.rules,
                        {key: getattr(self, key) for key in self.legacy_keys})

    def from_disk(self, path: Union[str, Path], *,
                  exclude: tuple[str, ...] = ()) -> RuleFileStage:
        """Use the rule files saved by `to_disk`, if any."""
        files = load_rule_files(path)
        if files:
            for key in self.legacy_keys:
                setattr(self, key, files.get(key, getattr(self, key)))
            if "rules" in files:
                self.rules = {**self.rules, **files["rules"]}
            self.build_finder()
        return self


__all__ = ["RULES_MANIFEST", "RuleFileError", "RuleFileStage", "load_rule_files",
           "null_config_keys", "save_rule_files"]
