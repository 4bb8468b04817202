"""Configuration: files found per folder like ruff's, resolved for each article into `Settings`.

For each article the closest `.claimlint.yaml` / `claimlint.yaml` (or `.yml`), or a
`pyproject.toml` with a `[tool.claimlint]` table, in its folder or an ancestor, is its
configuration (`Discovery`); `extend: ../base.yaml` builds on another file, `--config` forces
one file for every article and `--isolated` ignores them all. A configuration is a list of
`Layer`s, applied in order: the files it extends, the file itself, each of its `overrides`
sections whose `paths` match the article, then the command line. Paths in a file (exclude
globs, override paths, rule packs, `extend`) are relative to the file's folder.

Every file is checked against the shipped JSON Schema (`claimlint.schemas`) when it is read;
what needs the rules (unknown rule codes, a rule's options against its kind's) is checked by
`claimlint.api` once the rule packs are loaded, before any article is read. Either way the
error names the file, the line and the key.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
from dataclasses import dataclass, fields
from pathlib import Path

from claimlint.loaders import MAX_BYTES
from claimlint.schemas import SchemaError, errors, key_path, locate

CONFIG_FILES = (".claimlint.yaml", ".claimlint.yml", "claimlint.yaml", "claimlint.yml", "pyproject.toml")
DEFAULT_EXCLUDE = (".*/", "node_modules/", "venv/", "__pycache__/")
FORMATS = ("markdown", "html", "text")
HTML_SELECTOR_KEYS = ("boilerplate-selectors", "content-selectors", "card-selectors")  # html: settings


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file, the line and the key."""


# ------------------------------------------------------------------------------------------ sources

@dataclass(frozen=True)
class Source:
    """A configuration's text as read, for finding the line of a key in error messages."""

    path: str
    text: str = ""
    raw: object = None  # the document as loaded, YAML mappings with their '__line__'

    def line(self, keys=()) -> int:
        return locate(self.text, self.raw, keys) if self.text else 1

    def where(self, keys=()) -> str:
        return f"{self.path}:{self.line(keys)}" if self.text else self.path

    def error(self, keys, message: str) -> ConfigError:
        return ConfigError(f"{self.where(keys)}: {key_path(keys)}: {message}" if keys else
                           f"{self.where(keys)}: {message}")


def _plain(value):
    """Loaded YAML or TOML as JSON-like data: dates as ISO text, no '__line__' keys."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return value


def read_file(path: Path) -> tuple[dict | None, Source]:
    """(the configuration's data, or None for a pyproject.toml without [tool.claimlint]; its source)."""
    from claimlint.loaders import LoadError, read
    from claimlint.rulepacks import PACK_MAX_BYTES
    try:
        text = read(str(path), PACK_MAX_BYTES)
    except LoadError as exc:
        raise ConfigError(f"cannot read configuration: {exc}") from exc
    if path.name == "pyproject.toml":
        try:
            import tomllib
        except ImportError:  # Python 3.10
            import tomli as tomllib  # type: ignore[no-redef]
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
        raw = doc.get("tool", {}).get("claimlint") if isinstance(doc.get("tool"), dict) else None
        if raw is None:
            return None, Source(str(path), text, None)
    else:
        import yaml

        from claimlint import safeyaml
        from claimlint.rulepacks import _line_loader
        try:
            raw = safeyaml.load(text, _line_loader())
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            at = f":{mark.line + 1}" if mark else ""
            raise ConfigError(f"{path}{at}: invalid YAML: {getattr(exc, 'problem', None) or exc}") from exc
        if raw is None:
            raw = {}
    source = Source(str(path), text, raw)
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}:1: a configuration is a mapping of settings (see claimlint init)")
    return _plain(raw), source


def check(data: dict, source: Source, memory=None) -> None:
    """Raise `ConfigError` listing every way `data` breaks the configuration schema. `memory`
    (the results cache) remembers texts already found valid, so an unchanged file is not
    validated again (the JSON Schema library alone takes about 60 ms to import)."""
    if memory is not None and source.text and memory.known("config", source.text):
        return
    problems = errors(data, "config")
    if problems:
        raise ConfigError(str(SchemaError(source.path, [(source.line(p), key_path(p), m) for p, m in problems])))
    if memory is not None and source.text:
        memory.remember("config", source.text)


# ------------------------------------------------------------------------------------------ layers

@dataclass(frozen=True)
class Layer:
    """Settings from one place: the top of a configuration file, one of its `overrides` sections
    (`paths` says which articles it applies to), a dictionary built in code, or the command line."""

    values: dict
    root: str  # the folder its relative paths are relative to
    source: Source
    keys: tuple = ()  # where `values` sits in its source, e.g. ('overrides', 0)
    paths: tuple[str, ...] = ()

    def where(self, *keys) -> str:
        return self.source.where(self.keys + keys)

    def error(self, keys, message: str) -> ConfigError:
        return self.source.error(self.keys + tuple(keys), message)

    def applies_to(self, path: str | None) -> bool:
        if not self.paths:
            return True
        if path is None:
            return False
        rel = relative(path, self.root)
        return rel is not None and _spec(self.paths).match_file(rel)


def relative(path: str, root: str) -> str | None:
    """`path` relative to `root` in POSIX form, or None when it lies outside."""
    rel = os.path.relpath(os.path.abspath(path), root)
    if rel == ".." or rel.startswith(".." + os.sep):
        return None
    return Path(rel).as_posix()


class _Globs:
    """Gitignore-style globs. Plain folder names ("node_modules/", ".*/": the defaults) are matched
    against each folder of the path with fnmatch; anything else through pathspec."""

    def __init__(self, patterns: tuple[str, ...]):
        import re
        plain = all(re.fullmatch(r"[^/!\\\[]+/", p) for p in patterns)
        self.names = [p[:-1] for p in patterns] if plain else None
        self.patterns = patterns
        self.folders_only = all(p.endswith("/") for p in patterns)

    def match(self, rel: str, is_dir: bool) -> bool:
        if self.names is None:
            return _spec(self.patterns).match_file(rel + ("/" if is_dir else ""))
        from fnmatch import fnmatchcase
        folders = rel.split("/") if is_dir else rel.split("/")[:-1]
        return any(fnmatchcase(part, name) for part in folders for name in self.names)


@functools.lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]):
    """A gitignore-style matcher for a tuple of globs (pathspec), made once per tuple."""
    import pathspec
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def layers_from(data: dict, source: Source, root: str, seen=(), memory=None) -> list[Layer]:
    """The layers of a validated configuration: the files it extends, itself, its overrides."""
    out: list[Layer] = []
    if "extend" in data:
        base = Path(root, data["extend"])
        if not base.is_file():
            raise source.error(("extend",), f"no such configuration file: {base}")
        if base.resolve() in seen:
            raise source.error(("extend",), f"extends itself through {base}")
        base_data, base_source = read_file(base)
        if base_data is None:
            raise source.error(("extend",), f"{base} has no [tool.claimlint] table")
        check(base_data, base_source, memory)
        out.extend(layers_from(base_data, base_source, str(base.resolve().parent), seen + (base.resolve(),), memory))
    top = {k: v for k, v in data.items() if k not in ("extend", "overrides")}
    out.append(Layer(top, root, source))
    for i, section in enumerate(data.get("overrides", ())):
        values = {k: v for k, v in section.items() if k != "paths"}
        out.append(Layer(values, root, source, ("overrides", i), tuple(section["paths"])))
    return out


def load_layers(path: Path, memory=None) -> list[Layer] | None:
    """The layers of the configuration file at `path` (None: a pyproject.toml without [tool.claimlint])."""
    data, source = read_file(path)
    if data is None:
        return None
    check(data, source, memory)
    return layers_from(data, source, str(path.resolve().parent), (path.resolve(),), memory)


def dict_layers(data: dict, root: str | None = None, origin: str = "<settings>") -> list[Layer]:
    """The layers of a configuration given as a dictionary in code (checked like a file)."""
    import copy

    data = _plain(copy.deepcopy(data))
    source = Source(origin)
    check(data, source)
    return layers_from(data, source, os.path.abspath(root or os.getcwd()))


# ------------------------------------------------------------------------------------------ settings

@dataclass(frozen=True, eq=False)
class Settings:
    """Everything that decides how one article is checked, resolved from its configuration.

    Made by `Config.resolve(path)`, or directly in code (`Settings(select=...)` is not a field:
    use `Settings.from_dict({...})` with the keys of a configuration file). A `Settings` is also
    a configuration that resolves to itself for every path. Equal settings have equal digests.
    """

    selection: tuple = ()  # (("select" | "extend-select" | "ignore", (selectors...)), ...) in order
    severity: tuple = ()  # ((rule code or name, severity), ...); later wins
    fail_on: str = "error"
    rules: tuple = ()  # ((rule code or name, {option: value}), ...); later wins, option by option
    rule_packs: tuple = ()  # absolute paths of extra pack files or folders
    formats: tuple = ()  # ((".ext", format), ...)
    metadata: tuple = ()  # ((element, (key, ...)), ...)
    provided: tuple = ()  # elements the site's template provides
    html: tuple = ()  # ((loader option, value), ...)
    today: dt.date | None = None  # None: the real date when the article is checked
    exclude: tuple = tuple((None, p) for p in DEFAULT_EXCLUDE)  # ((root or None: anywhere, glob), ...)
    respect_gitignore: bool = True
    force_exclude: bool = False
    max_file_size: int = MAX_BYTES  # bytes
    file_timeout: float = 120.0  # seconds one article may take before the command line stops it

    @classmethod
    def from_dict(cls, data: dict, root: str | None = None) -> Settings:
        """Settings from a dictionary of configuration keys (as in a .claimlint.yaml), for every path."""
        if "overrides" in data:
            raise ConfigError("<settings>: 'overrides' apply to some paths only: use Config.from_dict")
        return Config(dict_layers(data, root)).resolve(None)

    def resolve(self, path=None) -> Settings:
        return self

    @functools.cached_property
    def metadata_map(self) -> dict:
        return dict(self.metadata)

    @functools.cached_property
    def formats_map(self) -> dict:
        return dict(self.formats)

    def format_for(self, path: str, default: str | None = "text") -> str | None:
        """The format of a file by its extension: configured, else claimlint's own, else `default`."""
        from claimlint.loaders import EXTENSIONS

        ext = os.path.splitext(path)[1].lower()
        return self.formats_map.get(ext) or EXTENSIONS.get(ext) or default

    def loader_options(self) -> dict:
        """Options for each format's loader."""
        html = dict(self.html)
        out = {}
        chosen = {key.replace("-", "_"): tuple(html[key]) for key in HTML_SELECTOR_KEYS if key in html}
        if chosen:
            out["html"] = chosen
        return out

    def excluded(self, path: str, is_dir: bool = False, base: str | None = None, walked: bool = False) -> bool:
        """Does an `exclude` glob match this path? Globs are relative to the folder of the file
        that set them; the default ones to `base`, the folder being searched (so a hidden folder
        above it does not hide it). `walked`: the path was found by walking folders that were
        themselves not excluded, so globs that only match folders need not be tried."""
        absolute = None
        for root, matcher in self._exclusions:
            if walked and not is_dir and matcher.folders_only:
                continue
            absolute = absolute or os.path.abspath(path)
            rel = relative(absolute, root if root is not None else (base or os.getcwd()))
            if rel is not None and rel != "." and matcher.match(rel, is_dir):
                return True
        return False

    @functools.cached_property
    def _exclusions(self) -> list[tuple[str | None, _Globs]]:
        groups: dict = {}
        for root, pattern in self.exclude:
            groups.setdefault(root, []).append(pattern)
        return [(root, _Globs(tuple(patterns))) for root, patterns in groups.items()]

    def digest(self) -> str:
        """A digest of everything here that can change what is reported for an article."""
        data = {f.name: getattr(self, f.name) for f in fields(self)
                if f.name not in ("fail_on", "exclude", "respect_gitignore", "force_exclude", "formats",
                                  "max_file_size", "file_timeout")}
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()

    def __eq__(self, other):
        return isinstance(other, Settings) and self._identity == other._identity

    def __hash__(self):
        return hash(self._identity)

    @functools.cached_property
    def _identity(self) -> str:
        return json.dumps([getattr(self, f.name) for f in fields(self)], sort_keys=True, default=str)

    def to_dict(self) -> dict:
        """The settings in the shape of a configuration file (what --show-settings prints)."""
        out: dict = {"selection": [{step: list(values)} for step, values in self.selection] or "every rule",
                     "severity": dict(self.severity), "fail-on": self.fail_on,
                     "rules": _merged_options(self.rules), "rule-packs": list(self.rule_packs),
                     "formats": dict(self.formats), "metadata": {k: list(v) for k, v in self.metadata},
                     "provided": list(self.provided), "html": dict(self.html),
                     "today": self.today.isoformat() if self.today else "the real date",
                     "exclude": [p if r is None else os.path.join(r, p) for r, p in self.exclude],
                     "respect-gitignore": self.respect_gitignore, "force-exclude": self.force_exclude,
                     "max-file-size": self.max_file_size, "file-timeout": self.file_timeout}
        return out


def _merged_options(pairs) -> dict:
    out: dict = {}
    for key, options in pairs:
        out.setdefault(key, {}).update(options)
    return out


SETTING_KEYS = ("selection", "severity", "fail-on", "rules", "rule-packs", "formats", "metadata", "provided", "html",
                "today", "exclude", "respect-gitignore", "force-exclude", "max-file-size", "file-timeout")


def merge(layers, path: str | None) -> tuple[Settings, dict[str, list[str]]]:
    """The settings for `path` (None: only layers for every path) and where each value came from."""
    s = Settings()
    selection, severity, rules, packs = [], [], [], []
    formats, metadata, html = {}, {}, {}
    provided, exclude = list(s.provided), list(s.exclude)
    scalars = {"fail_on": s.fail_on, "today": s.today, "respect_gitignore": s.respect_gitignore,
               "force_exclude": s.force_exclude, "max_file_size": s.max_file_size, "file_timeout": s.file_timeout}
    origins: dict[str, list[str]] = {k: ["default"] for k in SETTING_KEYS}

    def came(key, where, reset):
        origins[key] = [where] if reset or origins[key] == ["default"] else origins[key] + [where]

    for layer in layers:
        if not layer.applies_to(path):
            continue
        for key, value in layer.values.items():
            where = layer.where(key)
            if key == "select":
                selection = [("select", tuple(value))]
                came("selection", where, True)
            elif key in ("extend-select", "ignore"):
                selection.append((key, tuple(value)))
                came("selection", where, False)
            elif key == "severity":
                severity.extend(value.items())
                came("severity", where, False)
            elif key == "rules":
                for rule, options in value.items():
                    rules.append((rule, dict(options)))
                    for option in options:
                        origins[f"rules.{rule}.{option}"] = [layer.where(key, rule, option)]
                came("rules", where, False)
            elif key == "rule-packs":
                packs.extend(os.path.normpath(os.path.join(layer.root, p)) for p in value)
                came("rule-packs", where, False)
            elif key == "formats":
                formats.update({("." + k.lstrip(".")).lower(): v for k, v in value.items()})
                came("formats", where, False)
            elif key == "metadata":
                metadata.update({k: tuple(v) for k, v in value.items()})
                came("metadata", where, False)
            elif key == "provided":
                provided = list(value)
                came("provided", where, True)
            elif key == "html":
                html.update({k: tuple(v) if isinstance(v, list) else v for k, v in value.items()})
                came("html", where, False)
            elif key == "exclude":
                exclude = [(layer.root, p) for p in value]
                came("exclude", where, True)
            elif key == "extend-exclude":
                exclude.extend((layer.root, p) for p in value)
                came("exclude", where, False)
            elif key == "today":
                scalars["today"] = dt.date.fromisoformat(value) if isinstance(value, str) else value
                came("today", where, True)
            elif key in ("fail-on", "respect-gitignore", "force-exclude"):
                scalars[key.replace("-", "_")] = value
                came(key, where, True)
            elif key == "file-timeout":
                scalars["file_timeout"] = float(value)
                came(key, where, True)
            elif key == "max-file-size":
                scalars["max_file_size"] = size_in_bytes(value)
                came(key, where, True)
    settings = Settings(selection=tuple(selection), severity=tuple(severity), rules=tuple(rules),
                        rule_packs=tuple(dict.fromkeys(packs)), formats=tuple(sorted(formats.items())),
                        metadata=tuple(sorted(metadata.items())), provided=tuple(provided),
                        html=tuple(sorted(html.items())), exclude=tuple(exclude), **scalars)
    return settings, origins


def size_in_bytes(value) -> int:
    """A size as the configuration writes it: bytes, or a number with KB, MB or GB (powers of 1024)."""
    if isinstance(value, int):
        return value
    import re
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]?B)?\s*", str(value), re.I)
    factor = {"B": 1, "KB": 2**10, "MB": 2**20, "GB": 2**30}[(m.group(2) or "B").upper()]
    return int(float(m.group(1)) * factor)


# ------------------------------------------------------------------------------------------ configs

class Config:
    """A configuration: its layers, resolved per article path into `Settings`."""

    def __init__(self, layers: list[Layer], path: str | None = None):
        self.layers = list(layers)
        self.path = path  # the file it was read from, if any
        self._overrides = [layer for layer in self.layers if layer.paths]
        self._resolved: dict = {}

    @classmethod
    def from_file(cls, path, memory=None) -> Config:
        path = Path(path)
        if not path.is_file():
            raise ConfigError(f"{path}: no such configuration file")
        layers = load_layers(path, memory)
        if layers is None:
            raise ConfigError(f"{path}: no [tool.claimlint] table")
        return cls(layers, str(path))

    @classmethod
    def from_dict(cls, data: dict, root: str | None = None) -> Config:
        """A configuration given in code, with the keys of a configuration file; relative paths
        are relative to `root` (default: the current folder)."""
        return cls(dict_layers(data, root))

    def with_layer(self, layer: Layer | None) -> Config:
        return self if layer is None else Config(self.layers + [layer], self.path)

    def resolve(self, path: str | None) -> Settings:
        # the settings depend only on which override sections apply
        key = tuple(layer.applies_to(path) for layer in self._overrides) if self._overrides else ()
        settings = self._resolved.get(key)
        if settings is None:
            settings = self._resolved[key] = merge(self.layers, path)[0]
        return settings

    def explain(self, path: str | None) -> tuple[Settings, dict]:
        return merge(self.layers, path)

    def __getstate__(self):
        return {"layers": self.layers, "path": self.path, "_overrides": self._overrides, "_resolved": {}}


class Discovery:
    """Each article's configuration, found like ruff's: the closest configuration file in its folder
    or an ancestor (`--config` forces one; `isolated` ignores them all), with the command line's
    layer on top. Folders are looked up once each. `memory`: see `check`."""

    def __init__(self, cli: Layer | None = None, forced: str | None = None, isolated: bool = False, memory=None):
        self.cli = cli
        self.memory = memory
        self.forced = Config.from_file(forced, memory).with_layer(cli) if forced else None
        self.isolated = isolated
        self._by_dir: dict[str, Config] = {}
        self._by_given: dict[str, Config] = {}  # by the folder part of a path as given (saves abspath)
        self._default = Config([]).with_layer(cli)

    def config_for(self, path: str | None) -> Config:
        if self.forced is not None:
            return self.forced
        if self.isolated:
            return self._default
        if path in (None, "-"):
            return self._config_in(os.getcwd())
        given = os.path.dirname(path)
        config = self._by_given.get(given)
        if config is None:
            config = self._by_given[given] = self._config_in(os.path.dirname(os.path.abspath(path)))
        return config

    def _config_in(self, folder: str) -> Config:
        found = self._by_dir.get(folder)
        if found is not None:
            return found
        config = None
        for name in CONFIG_FILES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                layers = load_layers(Path(candidate), self.memory)
                if layers is not None:
                    config = Config(layers, candidate).with_layer(self.cli)
                    break
        if config is None:
            parent = os.path.dirname(folder)
            config = self._config_in(parent) if parent != folder else self._default
        self._by_dir[folder] = config
        return config

    def resolve(self, path: str | None) -> Settings:
        return self.config_for(path).resolve(path)

    def explain(self, path: str | None) -> tuple[Settings, dict]:
        return self.config_for(path).explain(path)

    def __getstate__(self):
        return {**self.__dict__, "memory": None}


def cli_layer(values: dict) -> Layer | None:
    """The command line's settings as a layer (None when it sets nothing); relative paths are
    relative to the current folder."""
    values = {k: v for k, v in values.items() if v not in (None, (), [])}
    if not values:
        return None
    return Layer(values, os.getcwd(), Source("command line"))

