"""The one gate every file read goes through: guides, settings, templates, styles, logos, rosters.

A project folder may come from a stranger (a district repository, a colleague's zip), so a
path written in one of its files must not reach outside it, and no file may hang the
build or exhaust memory. `read` resolves the path (links and `..`), keeps it inside the
allowed roots, opens the resolved file once without following a link swapped in since,
accepts a regular file only (not a FIFO, device or folder) and reads at most `limit`
bytes. A path the user typed on the command line is the user's choice: it is read from
anywhere (`roots=None`), with the same checks otherwise. A refusal is `Refused`, whose
reason the caller places at the line that named the file (`core.errors.refusal` makes it
the one-line error of a file nobody else named).

Writes are held the same way: `writable_folder` refuses an output folder when a folder on
the way to it is a link or a file, except in the part of the path the user typed
(`typed_output`), so a project shipping `build -> ~/Documents` cannot lead a build there.

The gate imports nothing of careerguide (an import-linter contract holds it to that), so
every layer can read through it and it can be read, and trusted, on its own.
"""

import os
import stat
from collections.abc import Iterable
from pathlib import Path

ANYWHERE = None  # roots for a path the user typed: theirs to choose


class Refused(Exception):
    """The gate did not open the file; `reason` says why in a few words."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason

    def sentence(self) -> str:
        """The refusal as a sentence about the file, for a message placed elsewhere."""
        if self.reason == "no such file":
            return f"no such file {str(self.path)!r}"
        return f"{self.path} {self.reason}"


def resolve(path: Path, roots: Iterable[Path] | None, where: str = "the project folder") -> Path:
    """`path` with every link and `..` resolved, if it exists inside `roots` (`where`, in
    words, for the refusal)."""
    try:
        resolved = path.resolve(strict=True)
    except RuntimeError:  # a symlink loop
        raise Refused(path, "is a symbolic link that points to itself") from None
    except (OSError, ValueError):  # missing, unreadable folder, a NUL byte
        raise Refused(path, "no such file") from None
    if roots is not None and not any(resolved.is_relative_to(root.resolve()) for root in roots):
        raise Refused(path, f"is outside {where}")
    return resolved


def regular_file(path: Path, roots: Iterable[Path] | None) -> Path:
    """`resolve`, and refuse anything but a regular file (checked without opening it)."""
    resolved = resolve(path, roots)
    mode = os.stat(resolved).st_mode
    if not stat.S_ISREG(mode):
        raise Refused(path, "is a folder" if stat.S_ISDIR(mode) else "is not a regular file")
    return resolved


def read(
    path: Path, roots: Iterable[Path] | None, limit: int, where: str = "the project folder"
) -> bytes:
    """The bytes of a regular file inside `roots`, at most `limit` of them, or `Refused`."""
    resolved = resolve(path, roots, where)
    # O_NONBLOCK: a FIFO must not hang the build; O_NOFOLLOW: a link swapped in after
    # resolve() is refused; fstat then checks the file actually opened.
    try:
        handle = os.open(resolved, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as error:
        raise Refused(path, f"cannot be read ({error.strerror})") from None
    if not stat.S_ISREG(os.fstat(handle).st_mode):  # before fdopen, which refuses a folder
        os.close(handle)
        raise Refused(path, "is a folder" if os.path.isdir(resolved) else "is not a regular file")
    with os.fdopen(handle, "rb") as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise Refused(path, f"is larger than the limit of {limit:,} bytes")
    return data


def read_text(path: Path, roots: Iterable[Path] | None, limit: int) -> str:
    """`read`, decoded as UTF-8 (a byte-order mark is dropped); undecodable text is `Refused`."""
    data = read(path, roots, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise Refused(path, f"is not UTF-8 text (line {line}); save it as UTF-8") from None


# Output folders the user typed on the command line (absolute, not resolved): theirs to
# choose, links and all. Set by the CLI once per command; forked workers inherit it.
_typed_outputs: set[Path] = set()


def typed_output(path: Path) -> Path:
    """Record `path` as typed by the user (an output folder or file); return it unchanged."""
    _typed_outputs.add(Path(os.path.abspath(path.expanduser())))
    return path


def writable_folder(folder: Path) -> None:
    """Refuse to write into `folder` when a folder on the way to it is a link or not a folder.

    A project folder from a stranger can ship `build -> ~/Documents`: a build would then
    replace files there. So every part of the path below what the user typed (else below
    the current folder, else below the root) must be a real folder or not exist yet; what
    the user typed on the command line is theirs, links and all.
    """
    target = Path(os.path.abspath(folder.expanduser()))
    base = _trusted_base(target)
    current = base
    for part in target.relative_to(base).parts:
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            return  # made by the write, as a real folder
        except OSError as error:
            raise Refused(current, f"cannot be written into ({error.strerror})") from None
        if stat.S_ISLNK(mode):
            raise Refused(current, "is a symbolic link; refusing to write through it")
        if not stat.S_ISDIR(mode):
            raise Refused(current, "is not a folder; refusing to write into it")


def _trusted_base(target: Path) -> Path:
    """The longest typed output containing `target`, else the current folder, else `/`."""
    typed = [path for path in _typed_outputs if target.is_relative_to(path)]
    if typed:
        return max(typed, key=lambda path: len(path.parts))
    cwd = Path.cwd()
    return cwd if target.is_relative_to(cwd) else Path(target.anchor)
