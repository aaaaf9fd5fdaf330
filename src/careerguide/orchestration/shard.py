"""`--shard K/N`: a stable slice of the guides, for one machine of many."""

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import GuideError, Problem

_DIGITS = re.compile(r"[0-9]{1,9}")


@dataclass(frozen=True)
class Shard:
    """Slice `index` of `count` (1-based): each guide belongs to exactly one slice.

    The slice is chosen by a hash of the guide's path relative to the current folder, so
    it is the same on every machine and in every run, and adding a guide moves no other.
    """

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> "Shard":
        """`K/N` as given to --shard."""
        index, _, count = text.partition("/")
        # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
        if _DIGITS.fullmatch(index) and _DIGITS.fullmatch(count) and 1 <= int(index) <= int(count):
            return cls(int(index), int(count))
        raise GuideError(
            Problem.about("--shard", f"expected K/N with 1 <= K <= N (such as 2/4), got {text!r}")
        )

    def holds(self, guide_path: Path) -> bool:
        """Whether the guide belongs to this slice."""
        name = guide_path.as_posix()
        if guide_path.is_absolute() and guide_path.is_relative_to(Path.cwd()):
            name = guide_path.relative_to(Path.cwd()).as_posix()
        number = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big")
        return number % self.count == self.index - 1

    def select(self, guide_paths: Iterable[Path]) -> list[Path]:
        """The guides of this slice, in their given order."""
        return [path for path in guide_paths if self.holds(path)]
