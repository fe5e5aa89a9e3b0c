"""A YAML SafeLoader that refuses duplicate mapping keys. PyYAML keeps the last value of a
duplicated key without a word; in a legal parameter that would silently drop a date."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from parcours.rules.errors import ParameterFileError


class DuplicateKeyError(yaml.MarkedYAMLError):
    pass


class StrictLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen: set[object] = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise DuplicateKeyError(
                "while constructing a mapping",
                node.start_mark,
                f"duplicate key {key!r}",
                key_node.start_mark,
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def load_yaml(path: Path) -> object:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=StrictLoader)  # noqa: S506 - StrictLoader is a SafeLoader
    except DuplicateKeyError as error:
        raise ParameterFileError(
            str(path), f"duplicate key: {error.problem} {error.problem_mark}"
        ) from error
    except yaml.YAMLError as error:
        raise ParameterFileError(str(path), f"invalid YAML: {error}") from error
