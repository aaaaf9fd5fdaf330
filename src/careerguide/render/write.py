"""Write: outputs appear whole or not at all.

Each file is written to a temporary name in the same folder, flushed to disk, then
renamed over the final name, so an interrupted build never leaves a half-written PDF
under the name a counselor would print.

A build killed outright (SIGKILL, power loss) cannot remove its temporary file. The
name records the writing process (`.<name>.<pid>.<random>.part`), so the next write
into that folder removes the files of processes that no longer run, and leaves alone
those of a build still running beside it.
"""

import os
import re
import tempfile
from functools import cache
from pathlib import Path

TEMP_SUFFIX = ".part"


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path.parent.resolve())
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=path.parent
    )
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


@cache
def remove_stale_temporaries(folder: Path) -> None:
    """Remove temporary files left in `folder` by writers that died (once per process)."""
    for temp in folder.glob(f".*{TEMP_SUFFIX}"):
        pid = _writer_pid(temp.name)
        if pid is not None and pid != os.getpid() and not _running(pid):
            temp.unlink(missing_ok=True)


# `.<name>.<pid>.<random>.part`, the random part as tempfile.mkstemp makes it.
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
