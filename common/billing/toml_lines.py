"""Line numbers of keys in TOML text, which tomllib does not report for values."""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["KeyPath", "key_lines", "line_of"]

KeyPath = tuple[str | int, ...]

_BARE_OR_QUOTED = r'(?:[A-Za-z0-9_-]+|"[^"]*"|\'[^\']*\')'
_DOTTED = rf"{_BARE_OR_QUOTED}(?:\s*\.\s*{_BARE_OR_QUOTED})*"
_KEY_LINE = re.compile(rf"^\s*({_DOTTED})\s*=(.*)$")
_ARRAY_TABLE = re.compile(rf"^\s*\[\[\s*({_DOTTED})\s*\]\]")
_TABLE = re.compile(rf"^\s*\[\s*({_DOTTED})\s*\]")
_INLINE_KEY = re.compile(rf"({_BARE_OR_QUOTED})\s*=")


def _split_dotted(dotted: str) -> tuple[str, ...]:
    parts = re.findall(_BARE_OR_QUOTED, dotted)
    return tuple(part.strip("\"'") for part in parts)


def _without_comment(line: str) -> str:
    quote: str | None = None
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "#":
            return line[:index]
    return line


class _ArrayScan:
    """Follows one array value across lines, noting where each inline-table element starts."""

    def __init__(self, path: KeyPath) -> None:
        self.path = path
        self.depth = 0
        self.element = -1

    def feed(self, text: str, line_number: int, found: dict[KeyPath, int]) -> bool:
        """Scan `text`, noting elements and their keys; True while the array is still open."""
        quote: str | None = None
        for index, char in enumerate(text):
            if quote:
                if char == quote:
                    quote = None
                continue
            if char in "\"'":
                quote = char
            elif char == "[":
                self.depth += 1
            elif char == "]":
                self.depth -= 1
                if self.depth == 0:
                    return False
            elif char == "{" and self.depth == 1:
                self.element += 1
                element_path = (*self.path, self.element)
                found.setdefault(element_path, line_number)
                end = text.find("}", index)
                inner = text[index + 1 : end if end >= 0 else len(text)]
                for key in _INLINE_KEY.findall(inner):
                    found.setdefault((*element_path, key.strip("\"'")), line_number)
        return self.depth > 0


def key_lines(text: str) -> dict[KeyPath, int]:
    """Every key path in `text` (tables, keys, inline-table elements) and its 1-based line."""
    found: dict[KeyPath, int] = {}
    table: KeyPath = ()
    array_counts: dict[KeyPath, int] = {}
    open_array: _ArrayScan | None = None
    for line_number, raw in enumerate(text.splitlines(), start=1):
        line = _without_comment(raw)
        if open_array is not None:
            if not open_array.feed(line, line_number, found):
                open_array = None
            continue
        if match := _ARRAY_TABLE.match(line):
            name = _split_dotted(match.group(1))
            index = array_counts.get(name, 0)
            array_counts[name] = index + 1
            table = (*name, index)
            found.setdefault(name, line_number)
            found.setdefault(table, line_number)
        elif match := _TABLE.match(line):
            table = _split_dotted(match.group(1))
            for depth in range(1, len(table) + 1):
                found.setdefault(table[:depth], line_number)
        elif match := _KEY_LINE.match(line):
            path = (*table, *_split_dotted(match.group(1)))
            found.setdefault(path, line_number)
            value = match.group(2).lstrip()
            if value.startswith("["):
                scan = _ArrayScan(path)
                if scan.feed(value, line_number, found):
                    open_array = scan
    return found


def line_of(found: dict[KeyPath, int], path: Sequence[str | int]) -> int:
    """The line of `path`, or of its longest prefix that was found; 1 if none was."""
    for length in range(len(path), 0, -1):
        line = found.get(tuple(path[:length]))
        if line is not None:
            return line
    return 1
