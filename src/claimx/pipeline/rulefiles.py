"""Saving and loading the user rule files named in a stage's config (``to_disk``/``from_disk``)."""
from __future__ import annotations

from pathlib import Path
from typing import Union

#: the file, in a saved component's directory, naming the copied user rule files
RULES_MANIFEST = "claimx_rules.json"


def save_rule_files(name: str, path: Union[str, Path],
                    files: dict[str, Union[str, Path, None]]) -> None:
    """``to_disk`` for a claimx stage: copy the user rule files given in its config into the
    component directory ``path``, and point the saved ``config.cfg`` away from the originals
    (to null), so the saved pipeline is self-contained and loads where the originals are gone.
    """
    import json
    import shutil

    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    manifest = {}
    for key, source in files.items():
        if source:
            source = Path(source)
            target = f"{key}{source.suffix}"
            if source.is_dir():  # a folder of rule files (the time stage allows one)
                shutil.copytree(source, path / target, dirs_exist_ok=True)
            else:
                shutil.copyfile(source, path / target)
            manifest[key] = target
    (path / RULES_MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    config_file = path.parent / "config.cfg"
    if manifest:
        null_config_keys(config_file, name, list(manifest))


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


def load_rule_files(path: Union[str, Path]) -> dict[str, str]:
    """``from_disk`` for a claimx stage: the copied rule files, as {config key: path}."""
    import json

    manifest = Path(path) / RULES_MANIFEST
    if not manifest.exists():
        return {}
    names = json.loads(manifest.read_text(encoding="utf-8"))
    return {key: str(Path(path) / name) for key, name in names.items()}


class RuleFileStage:
    """``to_disk``/``from_disk`` for a stage whose config names user rule files.

    A stage lists the config keys of its rule files in ``rule_files``, keeps each path in the
    attribute of that name, and rebuilds its finder in ``build_finder()``.
    """

    name: str
    rule_files: tuple[str, ...] = ()

    def build_finder(self) -> None:
        raise NotImplementedError

    def to_disk(self, path: Union[str, Path], *, exclude=()) -> None:
        """Save copies of the user rule files with the pipeline."""
        save_rule_files(self.name, path, {key: getattr(self, key) for key in self.rule_files})

    def from_disk(self, path: Union[str, Path], *, exclude=()) -> RuleFileStage:
        """Use the rule files saved by :meth:`to_disk`, if any."""
        files = load_rule_files(path)
        if files:
            for key in self.rule_files:
                setattr(self, key, files.get(key, getattr(self, key)))
            self.build_finder()
        return self
