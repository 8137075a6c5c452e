"""The `newsfacts serve` config: which sources to ingest on which schedule, from a TOML file.

Every mistake is reported as one sentence naming the file, the source and the key, before
anything starts. Relative paths are taken from the config file's folder. No Prefect import
here: Prefect reads its settings once, when first imported, and `serve` must choose its API URL
before that.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.errors import ConfigError
from ingest.settings import DEFAULT_DB, FetchSettings, Settings

TARGET_KEYS = ("path", "feed", "url", "urls", "jsonl")
SOURCE_KEYS = (*TARGET_KEYS, "name", "interval", "cron", "wait", "move_processed", "move_rejected")
# [web] keys and the FetchSettings field each sets; durations take "10s", sizes megabytes
WEB_KEYS = {
    "timeout": "timeout_s",
    "deadline": "deadline_s",
    "retries": "retries",
    "backoff": "backoff_s",
    "max_page_mb": "max_page_bytes",
    "max_export_mb": "max_export_bytes",
    "per_host": "per_host",
    "workers": "workers",
    "max_entries": "max_entries",
    "user_agent": "user_agent",
}
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_DURATION = re.compile(r"(?:(\d+(?:\.\d+)?)\s*(ms|s|m|h|d))+")
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)")
_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
_CRON_FIELD = re.compile(r"[0-9A-Za-z*/,?#LW-]+")
MAX_DEFAULT_WAIT_S = 600.0
CRON_DEFAULT_WAIT_S = 300.0


@dataclass(frozen=True)
class Source:
    """One scheduled source: what it reads and when."""

    name: str
    kind: str  # folder | file | feed | page | export
    targets: tuple[str, ...]  # absolute paths, or URLs
    interval_s: float | None = None
    cron: str | None = None
    wait_s: float = 0.0  # how long a run waits for another run on the warehouse before it is skipped
    move_processed: bool = False
    move_rejected: bool = False

    @property
    def schedule(self) -> str:
        return f"every {_say_duration(self.interval_s)}" if self.interval_s else f"cron {self.cron}"

    def parameters(self, db: Path, batch_size: int, web: dict[str, Any]) -> dict[str, Any]:
        """The ingest flow's parameters for a run of this source."""
        expect = {t: self.kind for t in self.targets if self.kind in ("feed", "export")}
        return {
            "paths": list(self.targets),
            "db": str(db),
            "batch_size": batch_size,
            "source": self.name,
            "wait_s": self.wait_s,
            "skip_if_busy": True,
            "move_processed": self.move_processed,
            "move_rejected": self.move_rejected,
            "web": web or None,
            "expect": expect or None,
        }


@dataclass(frozen=True)
class ServeConfig:
    path: Path
    db: Path
    sources: tuple[Source, ...]
    batch_size: int = Settings.batch_size
    web: dict[str, Any] = field(default_factory=dict)  # FetchSettings fields


def load_config(path: str | Path, default_db: Path = DEFAULT_DB) -> ServeConfig:
    """Read and check a config file; `default_db` is used when it has no [warehouse] path."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"no config file at {p}: copy newsfacts.example.toml there, or pass --config FILE")
    try:
        doc = tomllib.loads(p.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{p} is not valid TOML: {e}") from e
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{p} cannot be read: {e}") from e
    return _Checker(p).config(doc, default_db)


@dataclass
class _Checker:
    file: Path

    @property
    def base(self) -> Path:
        return self.file.resolve().parent

    def fail(self, where: str, message: str) -> ConfigError:
        return ConfigError(f"{self.file}: {where}: {message}" if where else f"{self.file}: {message}")

    def config(self, doc: dict[str, Any], default_db: Path) -> ServeConfig:
        self.unknown("", doc, ("warehouse", "web", "sources"))
        wh = doc.get("warehouse", {})
        if not isinstance(wh, dict):
            raise self.fail(
                "", '[warehouse] must be a table, e.g. [warehouse] path = "newsfacts.duckdb"'
            )
        self.unknown("[warehouse]", wh, ("path", "batch_size"))
        db = self.path("[warehouse]", "path", wh["path"]) if "path" in wh else default_db.absolute()
        batch_size = wh.get("batch_size", Settings.batch_size)
        if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
            raise self.fail(
                "[warehouse]", f"key 'batch_size' must be a whole number of articles, got {batch_size!r}"
            )
        web = self.web(doc.get("web", {}))
        sources = doc.get("sources")
        if not sources:
            raise self.fail(
                "",
                "no [[sources]]: name at least one source to ingest, e.g. a folder with `path` and `interval`",
            )
        if not isinstance(sources, list) or not all(isinstance(s, dict) for s in sources):
            raise self.fail("", "'sources' must be an array of tables, written [[sources]]")
        checked: list[Source] = []
        for i, raw in enumerate(sources, start=1):
            src = self.source(i, raw)
            if any(s.name == src.name for s in checked):
                raise self.fail(
                    f"source '{src.name}'", "key 'name' is used by another source: names must differ"
                )
            checked.append(src)
        return ServeConfig(self.file, db, tuple(checked), batch_size, web)

    def unknown(self, where: str, table: dict[str, Any], allowed: tuple[str, ...]) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail(where, f"unknown key '{key}' (expected one of: {', '.join(allowed)})")

    def web(self, raw: Any) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise self.fail("", "[web] must be a table")
        self.unknown("[web]", raw, tuple(WEB_KEYS))
        out: dict[str, Any] = {}
        for key, value in raw.items():
            name = WEB_KEYS[key]
            if key in ("timeout", "deadline", "backoff"):
                out[name] = self.duration("[web]", key, value)
            elif key == "user_agent":
                if not isinstance(value, str) or "newsfacts" not in value.lower():
                    raise self.fail(
                        "[web]", "key 'user_agent' must be a string that names newsfacts (be polite)"
                    )
                out[name] = value
            elif key.endswith("_mb"):
                if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
                    raise self.fail(
                        "[web]", f"key '{key}' must be a positive number of megabytes, got {value!r}"
                    )
                out[name] = int(value * 2**20)
            else:
                least = 0 if key == "retries" else 1
                if not isinstance(value, int) or isinstance(value, bool) or value < least:
                    raise self.fail("[web]", f"key '{key}' must be a whole number ≥ {least}, got {value!r}")
                out[name] = value
        FetchSettings(**out)  # every field exists
        return out

    def source(self, i: int, raw: dict[str, Any]) -> Source:
        name = raw.get("name")
        where = f"source '{name}'" if isinstance(name, str) and name else f"source #{i}"
        if not isinstance(name, str) or not name:
            raise self.fail(where, "key 'name' is missing: give each source a name, e.g. name = \"inbox\"")
        if not _NAME.fullmatch(name):
            raise self.fail(where, "key 'name' may hold only letters, digits, '.', '_' and '-'")
        self.unknown(where, raw, SOURCE_KEYS)
        given = [k for k in TARGET_KEYS if k in raw]
        if len(given) != 1:
            told = f"it has {' and '.join(given)}" if given else "it has none"
            raise self.fail(where, f"give exactly one of the keys {', '.join(TARGET_KEYS)} ({told})")
        key = given[0]
        kind, targets = self.targets(where, key, raw[key])
        interval_s, cron = self.when(where, raw)
        # by default a run waits for its turn until its next run is due (at most 10 minutes): two
        # sources whose ticks coincide then take turns instead of one always being skipped
        default_wait = min(interval_s, MAX_DEFAULT_WAIT_S) if interval_s else CRON_DEFAULT_WAIT_S
        wait_s = self.duration(where, "wait", raw["wait"]) if "wait" in raw else default_wait
        moves = {}
        for opt in ("move_processed", "move_rejected"):
            value = raw.get(opt, False)
            if not isinstance(value, bool):
                raise self.fail(where, f"key '{opt}' must be true or false, got {value!r}")
            if value and kind != "folder":
                raise self.fail(where, f"key '{opt}' applies only to a folder given as 'path'")
            moves[opt] = value
        return Source(name, kind, targets, interval_s, cron, wait_s, **moves)

    def targets(self, where: str, key: str, value: Any) -> tuple[str, tuple[str, ...]]:
        if key == "urls":
            if not isinstance(value, list) or not value:
                raise self.fail(where, "key 'urls' must be a non-empty list of http(s) URLs")
            return "page", tuple(self.url(where, key, v) for v in value)
        if key in ("feed", "url"):
            return ("feed" if key == "feed" else "page"), (self.url(where, key, value),)
        if key == "jsonl":
            if isinstance(value, str) and value.lower().startswith(("http://", "https://")):
                return "export", (self.url(where, key, value),)
            path = self.path(where, key, value, must_exist=True)
            if not path.name.lower().endswith(".jsonl"):
                raise self.fail(where, f"key 'jsonl' must name a .jsonl file or URL, got {value!r}")
            return "file", (str(path),)
        path = self.path(where, key, value, must_exist=True)
        return ("folder" if path.is_dir() else "file"), (str(path),)

    def url(self, where: str, key: str, value: Any) -> str:
        if not isinstance(value, str) or not re.match(r"https?://[^/\s]+", value, re.IGNORECASE):
            raise self.fail(where, f"key '{key}' must be an http:// or https:// URL, got {value!r}")
        return value

    def path(self, where: str, key: str, value: Any, must_exist: bool = False) -> Path:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"key '{key}' must be a path (a string), got {value!r}")
        path = Path(value).expanduser()
        path = path if path.is_absolute() else self.base / path
        if must_exist and not path.exists():
            if value.endswith("/"):  # a folder by intent: an inbox that nothing was dropped into yet
                path.mkdir(parents=True, exist_ok=True)
            else:
                raise self.fail(where, f"key '{key}': no such file or folder {path}")
        return path

    def when(self, where: str, raw: dict[str, Any]) -> tuple[float | None, str | None]:
        if ("interval" in raw) == ("cron" in raw):
            raise self.fail(
                where,
                "give exactly one of the keys 'interval' (e.g. \"15m\") or 'cron' (e.g. \"*/15 * * * *\")",
            )
        if "interval" in raw:
            seconds = self.duration(where, "interval", raw["interval"])
            if seconds < 1:
                raise self.fail(where, "key 'interval' must be at least 1 second")
            return seconds, None
        cron = raw["cron"]
        fields = cron.split() if isinstance(cron, str) else []
        if len(fields) != 5 or not all(_CRON_FIELD.fullmatch(f) for f in fields):
            raise self.fail(
                where,
                f"key 'cron' must be a cron expression of five fields (minute hour day month weekday), got {cron!r}",
            )
        return None, " ".join(fields)

    def duration(self, where: str, key: str, value: Any) -> float:
        if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
            return float(value)
        text = value.strip().lower() if isinstance(value, str) else ""
        if not text or not _DURATION.fullmatch(text.replace(" ", "")):
            raise self.fail(
                where, f'key \'{key}\' must be a duration such as "5s", "15m" or "1h", got {value!r}'
            )
        return sum(float(n) * _SECONDS[u] for n, u in _DURATION_PART.findall(text.replace(" ", "")))


def _say_duration(seconds: float) -> str:
    for unit, size in (("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{seconds / size:g}{unit}"
    return f"{seconds:g}s"
