"""The site configuration file (mkdocs.yml) read for its plain settings and written back.

Python tags that mkdocs resolves itself (such as the `toc` extension's `slugify`) are kept as `Tagged` values, so
that a configuration read here and written again means the same to the renderer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Tagged:
    """A YAML node with an explicit tag (`!!python/...`), carried through unchanged."""

    tag: str
    value: Any


class _Reader(yaml.SafeLoader):
    """Safe reading: tagged nodes become `Tagged` values; nothing is constructed from them."""


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.MappingNode):
        value: Any = loader.construct_mapping(node, deep=True)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_scalar(node)  # type: ignore[arg-type]
    return Tagged(node.tag, value)


_Reader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: _tagged(loader, suffix, node))
_Reader.add_multi_constructor("!", lambda loader, suffix, node: _tagged(loader, suffix, node))


class _Writer(yaml.SafeDumper):
    """Writes `Tagged` values with their tags."""


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Writer.add_representer(Tagged, _represent_tagged)


def read_settings(config_file: Path) -> dict[str, Any]:
    return yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Reader) or {}  # noqa: S506 - safe subclass


def dump_settings(settings: dict[str, Any]) -> str:
    return yaml.dump(settings, Dumper=_Writer, allow_unicode=True, sort_keys=False, width=120)


def plugin_options(settings: dict[str, Any], name: str) -> dict[str, Any]:
    """The options of plugin `name` in the settings' plugin list (empty when it is listed without options)."""
    for item in settings.get("plugins", []) or []:
        found, options = (item, {}) if isinstance(item, str) else next(iter(item.items()))
        if found == name:
            return dict(options or {})
    return {}
