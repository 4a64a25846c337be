"""Safe YAML loading that remembers where every value came from.

Curation files are hand-edited; every complaint about them must name the file
and the line. PyYAML's safe loader is used (never ``yaml.load``), extended so
that mappings remember the line of each key and duplicate keys are reported
instead of silently overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class YamlMap(dict[str, Any]):
    """A mapping from a YAML file, with the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]


@dataclass
class YamlProblem(Exception):
    """A YAML file that cannot be used; ``line`` is 1-based."""

    file: str
    line: int
    message: str
    column: int | None = None


#: libyaml's parser when PyYAML was built with it (ten times faster), else Python's.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):  # type: ignore[valid-type, misc]
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = YamlMap()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise yaml.constructor.ConstructorError(
                    None, None, f"keys must be text, not {key!r}", key_node.start_mark
                )
            if key in mapping:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _LineLoader.construct_mapping,  # type: ignore[arg-type]
)


def load_yaml(path: Path, display: str) -> Any:
    """Parse ``path`` safely; raise :class:`YamlProblem` naming file and line."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise YamlProblem(display, 0, f"cannot be read: {error.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
        raise YamlProblem(
            display, line, f"byte 0x{data[error.start]:02x} is not valid UTF-8", column
        ) from None
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as error:
        # Where an unclosed construct started says more than where the file ended.
        mark = error.context_mark or error.problem_mark
        line = mark.line + 1 if mark else 0
        column = mark.column + 1 if mark else None
        problem = error.problem or str(error)
        raise YamlProblem(display, line, f"malformed YAML: {problem}", column) from None
    except yaml.YAMLError as error:
        raise YamlProblem(display, 0, f"malformed YAML: {error}") from None


def check_keys(
    record: YamlMap, allowed: Iterable[str], required: Iterable[str], file: str, what: str
) -> list[YamlProblem]:
    """Unknown and missing keys of one record."""
    allowed_set = set(allowed)
    problems = [
        YamlProblem(
            file,
            record.key_lines.get(key, record.line),
            f"unknown key {key!r} in {what}; expected one of: {', '.join(sorted(allowed_set))}",
        )
        for key in record
        if key not in allowed_set
    ]
    problems.extend(
        YamlProblem(file, record.line, f"{what} lacks the required key {key!r}")
        for key in required
        if key not in record
    )
    return problems


def line_of(record: Any, key: str | None = None) -> int:
    if isinstance(record, YamlMap):
        return record.key_lines.get(key, record.line) if key else record.line
    return 0
