"""Write: outputs appear whole or not at all.

Each file is written to a temporary name in the same folder, flushed to disk, then
renamed over the final name, so an interrupted build never leaves a half-written PDF
under the name a counselor would print.

A build killed outright (SIGKILL, power loss) cannot remove its temporary file. The
name records the writing process (`.<name>.<pid>.<random>.part`), so the next write
into that folder removes the files of processes that no longer run, and leaves alone
those of a build still running beside it. A temporary folder (a booklet's parts, made
before they are joined) is named and cleared the same way.

Only a regular file (or nothing) is ever replaced: a device, FIFO, socket, folder or
symlink at the final name is refused, since a project folder (and the output names it
leads to) can come from a stranger. For the same reason no folder on the way to it may be
a link, except in the part of the path the user typed (`gate.writable_folder`).
"""

import hashlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import BinaryIO

from .. import gate
from ..core.errors import GuideError, Problem, refusal

TEMP_SUFFIX = ".part"


def write_atomic(path: Path, data: bytes) -> str:
    """Replace `path` with `data` in one rename; return the sha256 (hex) of `data`.

    Raises GuideError, before writing anything, when something other than a regular file
    is at `path`.
    """
    with atomic_file(path) as file:
        file.write(data)
    return hashlib.sha256(data).hexdigest()


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A file to write `path` through, a piece at a time: it replaces `path` in one rename
    when the block ends, and is removed instead when the block raises.

    Raises GuideError, before writing anything, when something other than a regular file
    is at `path`.
    """
    refuse_non_regular(path)
    writable_folder(path.parent)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path.parent.resolve())
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=path.parent
    )
    try:
        with os.fdopen(handle, "wb") as temp:
            yield temp
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, 0o644)
        refuse_non_regular(path)  # again: something may have appeared while writing
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


@contextmanager
def temporary_folder(path: Path) -> Iterator[Path]:
    """A fresh folder beside `path` for the pieces it is made from, removed with all it
    holds when the block ends, however it ends."""
    writable_folder(path.parent)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path.parent.resolve())
    folder = Path(
        tempfile.mkdtemp(prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=path.parent)
    )
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def writable_folder(folder: Path) -> None:
    """Raise GuideError when a folder on the way to `folder` is a link or not a folder
    (`gate.writable_folder`): a project must not lead a write outside itself."""
    try:
        gate.writable_folder(folder)
    except gate.Refused as refused:
        raise refusal(refused) from None


def refuse_non_regular(path: Path) -> None:
    """Raise GuideError when `path` exists and is not a regular file (symlinks not followed)."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return  # nothing there (or no folder yet): the write itself reports real trouble
    if not stat.S_ISREG(mode):
        raise GuideError(Problem.about(path, "is not a regular file; refusing to write over it"))


@cache
def remove_stale_temporaries(folder: Path) -> None:
    """Remove temporary files and folders left in `folder` by writers that died (once per
    process)."""
    for temp in folder.glob(f".*{TEMP_SUFFIX}"):
        pid = _writer_pid(temp.name)
        if pid is not None and pid != os.getpid() and not _running(pid):
            if temp.is_dir() and not temp.is_symlink():
                shutil.rmtree(temp, ignore_errors=True)
            else:
                temp.unlink(missing_ok=True)


# `.<name>.<pid>.<random>.part`, the random part as tempfile.mkstemp (and mkdtemp) makes it.
_TEMP_NAME = re.compile(rf"\..+\.(\d+)\.[a-z0-9_]{{8}}{re.escape(TEMP_SUFFIX)}")


def _writer_pid(name: str) -> int | None:
    """The pid in a temporary file's name, or None for a file not named by `write_atomic`."""
    match = _TEMP_NAME.fullmatch(name)
    return int(match[1]) if match else None


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by someone else
        return True
    return True
