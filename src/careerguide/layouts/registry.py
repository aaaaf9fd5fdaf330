"""The layouts `build --layout` offers, by name: the one list of them."""

from .base import Layout
from .guide import GuideLayout
from .handout import HandoutLayout

LAYOUTS: dict[str, type[Layout]] = {layout.name: layout for layout in (GuideLayout, HandoutLayout)}
