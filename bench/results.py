"""Benchmark results: one record per figure, merged by name into bench/results.json."""

from __future__ import annotations

import json
import os
import platform
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

RESULTS_FILE = Path(__file__).resolve().parent / "results.json"
Better = Literal["lower", "higher"]


def machine() -> str:
    """Cores, CPU model and memory of this machine, in one line."""
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        memory = f"{mem_kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        memory = "unknown memory"
    return f"{os.cpu_count()} cores, {model}, {memory}, {platform.system()} {platform.release()}"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Result:
    """One benchmark figure beside the bare database's or library's figure for the same work.

    ratio = value / baseline_value: for times (lower is better) above 1 means slower than the
    baseline; for rates (higher is better) below 1 means slower than the baseline.
    """

    name: str
    value: float
    unit: str
    baseline_name: str | None = None
    baseline_value: float | None = None
    goal: str | None = None
    machine: str = field(default_factory=machine)
    when: str = field(default_factory=now_iso)
    better: Better = "lower"

    @property
    def ratio(self) -> float | None:
        if not self.baseline_value:
            return None
        return round(self.value / self.baseline_value, 3)

    def as_json(self) -> dict[str, object]:
        record = asdict(self)
        record.pop("better")
        record["ratio"] = self.ratio
        keys = (
            "name",
            "value",
            "unit",
            "baseline_name",
            "baseline_value",
            "ratio",
            "goal",
            "machine",
            "when",
        )
        return {key: record[key] for key in keys}


def merge_into(results: list[Result], path: Path = RESULTS_FILE) -> list[dict[str, object]]:
    """Replace the records with these names in `path`, keep all others, and write it back."""
    existing: list[dict[str, object]] = []
    if path.exists():
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
            existing = loaded if isinstance(loaded, list) else []
        except json.JSONDecodeError:
            existing = []
    fresh = {r.name: r.as_json() for r in results}
    merged = [fresh.pop(str(rec.get("name")), rec) for rec in existing]
    merged += list(fresh.values())
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(merged, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)
    return merged


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.3g}" if abs(value) < 10 else f"{value:.1f}"


def table(results: list[Result]) -> str:
    """A plain-text table of the figures, the baselines and their ratios."""
    header = ("name", "value", "unit", "baseline", "baseline value", "ratio", "goal")
    rows = [header] + [
        (
            r.name,
            _fmt(r.value),
            r.unit,
            r.baseline_name or "-",
            _fmt(r.baseline_value),
            _fmt(r.ratio) + (" (higher is better)" if r.better == "higher" and r.ratio else ""),
            r.goal or "-",
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
