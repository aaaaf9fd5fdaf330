"""The incremental cache: a guide whose inputs and outputs are unchanged is not rebuilt.

A guide's key hashes everything its output depends on: the guide file, every template,
style and label file that could be used, the options (settings, formats, network), any CSS
or logo files named on the command line, and the versions of careerguide and of the
libraries that draw the output. The cache also remembers a hash of the bytes each build
wrote (not of what is on disk afterwards, which another build may have replaced), so an
output deleted or edited since is rebuilt.

The cache lives in the user's cache folder (`$XDG_CACHE_HOME/careerguide/builds`, else
`~/.cache/careerguide/builds`), one file per output folder, not in the output folder: that folder
is what a counselor publishes, and should hold only the guides (the cache names the paths
of the guide files on this computer). It is only ever a hint: a missing or unreadable cache
means a full build, and an entry of the wrong shape means that guide is rebuilt.
"""

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .. import __version__, gate
from ..compose.themes import search_path
from ..core.errors import GuideError
from ..core.labels import LABELS_DIR
from ..core.resources import user_cache
from ..render.write import write_atomic
from ..settings.model import Settings

_FORMAT = 1  # bump when the file's layout changes
MAX_HASHED_BYTES = 50_000_000  # more than any guide, template or style the build would accept
# Libraries whose upgrade can change the output's bytes.
_DRAWING_LIBRARIES = (
    "weasyprint",
    "uharfbuzz",
    "jinja2",
    "markdown-it-py",
    "babel",
    "font-source-sans-pro",
    "font-source-serif-pro",
)


def fingerprint(settings: Settings, formats: Iterable[str], allow_network: bool) -> str:
    """A hash of every input the guides of one batch share."""
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    add("format", str(_FORMAT).encode())
    add("careerguide", __version__.encode())
    for library in _DRAWING_LIBRARIES:
        add(library, _installed_version(library).encode())
    add("settings", repr(settings).encode())
    add("formats", ",".join(formats).encode())
    add("network", str(allow_network).encode())
    folders = [*search_path(settings, "templates"), *search_path(settings, "styles")]
    folders.append(LABELS_DIR)
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            add(str(path), _contents(path, [folder]))
    for path in settings.extra_css:
        add(str(path), _contents(path, gate.ANYWHERE))
    return digest.hexdigest()


def _contents(path: Path, roots: list[Path] | None) -> bytes:
    """A file's bytes through the gate, or its refusal: a refused file still changes the key,
    and the build that reads it reports the refusal."""
    try:
        return gate.read(path, roots, MAX_HASHED_BYTES)
    except gate.Refused as refused:
        return f"refused: {refused.reason}".encode()


def _installed_version(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "absent"


def _file_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(gate.read(path, gate.ANYWHERE, MAX_HASHED_BYTES)).hexdigest()
    except gate.Refused:
        return None


class BuildCache:
    """Keys and output hashes of the guides last built into one output folder."""

    def __init__(self, out_dir: Path, shared_key: str) -> None:
        self.out_dir = out_dir
        folder_id = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:24]
        self.path = user_cache() / "builds" / f"{folder_id}.json"
        self.shared_key = shared_key
        self.entries = self._read()
        self._changed: dict[str, dict | None] = {}

    def _read(self) -> dict[str, dict]:
        """The stored entries of the right shape; the others are as good as absent."""
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # no cache or an unreadable one: everything is rebuilt
        if not isinstance(stored, dict) or stored.get("format") != _FORMAT:
            return {}
        guides = stored.get("guides")
        if not isinstance(guides, dict):
            return {}
        return {name: entry for name, entry in guides.items() if _well_formed(entry)}

    def key(self, guide_path: Path) -> str | None:
        """The guide's key, or None when the guide file cannot be read (it will fail anyway)."""
        guide_hash = _file_hash(guide_path)
        if guide_hash is None:
            return None
        return hashlib.sha256(f"{self.shared_key}\0{guide_hash}".encode()).hexdigest()

    def up_to_date(self, guide_path: Path, key: str | None) -> list[Path] | None:
        """The guide's outputs when they were built from `key` and are still as written."""
        entry = self.entries.get(_name(guide_path))
        if key is None or not entry or entry.get("key") != key:
            return None
        outputs = {self.out_dir / name: digest for name, digest in entry["outputs"].items()}
        if not outputs or any(_file_hash(path) != digest for path, digest in outputs.items()):
            return None
        return list(outputs)

    def record(self, guide_path: Path, key: str | None, written: Mapping[Path, str]) -> None:
        """Remember a guide that built, or forget it when it failed (`written` empty).

        `written` maps each output to the sha256 of the bytes this build wrote to it: what
        is on disk by now may be another build's.
        """
        entry = None
        if key is not None and written:
            entry = {"key": key, "outputs": {path.name: digest for path, digest in written.items()}}
        self._changed[_name(guide_path)] = entry

    def save(self) -> None:
        """Write what changed over the cache as it is now on disk, so that builds of other
        guides into the same folder meanwhile (other shards, another terminal) are kept."""
        if not self._changed:
            return
        entries = self._read()
        for name, entry in self._changed.items():
            if entry is None:
                entries.pop(name, None)
            else:
                entries[name] = entry
        text = json.dumps({"format": _FORMAT, "guides": entries}, indent=1, sort_keys=True)
        # A read-only home (or something not a file at the cache's name) costs the next
        # build its shortcut, nothing more.
        with contextlib.suppress(OSError, GuideError):
            write_atomic(self.path, text.encode("utf-8"))
        self.entries, self._changed = entries, {}


def _name(guide_path: Path) -> str:
    return os.path.realpath(guide_path)  # unlike Path.resolve, never raises on a link loop


def _well_formed(entry: object) -> bool:
    """Whether a stored entry is `{"key": str, "outputs": {file name: sha256}}`."""
    if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
        return False
    outputs = entry.get("outputs")
    return isinstance(outputs, dict) and all(
        isinstance(name, str)
        and isinstance(digest, str)
        and name not in ("", ".", "..")
        and Path(name).name == name
        for name, digest in outputs.items()
    )
