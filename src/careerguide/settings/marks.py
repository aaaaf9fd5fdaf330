"""The school's marks, checked before anything is built: an accent colour dark enough to read
on white paper, and a logo that is the kind of image its name says, carried as a data URI.

The logo is read here and handed on as a data URI: compose never opens files beyond
templates and styles, and the HTML stays self-contained. A photo straight from a phone is
welcome: it is turned upright and scaled down to what its printed size needs, so a 5 MB
picture does not make a 5 MB handout.
"""

import base64
import functools
import io
import re
from collections.abc import Iterable
from pathlib import Path

from .. import gate

MAX_LOGO_BYTES = 20_000_000
# The largest the logo prints (2 in wide on page 1, 0.9 in tall on a booklet cover) at
# 300 dpi: more pixels than this only weigh the PDF down.
PRINT_PIXELS = (600, 300)
MIN_ACCENT_CONTRAST = 3.0  # WCAG's minimum for large text: the accent colours headings
LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}


def accent_colour(text: str) -> str:
    """`text` as "#rrggbb" if it is a hex or named CSS colour dark enough to read on white."""
    from tinycss2.color4 import parse_color

    text = text.strip()
    is_hex = re.fullmatch(r"#([0-9a-fA-F]{3}){1,2}", text)
    colour = parse_color(text) if is_hex or re.fullmatch(r"[a-zA-Z]+", text) else None
    if colour is None or isinstance(colour, str) or colour.alpha < 1:
        raise ValueError(f"{text!r} is not a colour; use #rgb, #rrggbb or a CSS name such as navy")
    red, green, blue = (round(channel * 255) for channel in colour.to("srgb").coordinates)
    contrast = 1.05 / (_luminance(red, green, blue) + 0.05)
    if contrast < MIN_ACCENT_CONTRAST:
        raise ValueError(
            f"{text!r} is too light to read on white paper (contrast {contrast:.1f}:1, "
            f"needs {MIN_ACCENT_CONTRAST:.0f}:1); choose a darker shade"
        )
    return f"#{red:02x}{green:02x}{blue:02x}"


def _luminance(*rgb: int) -> float:
    """WCAG relative luminance of an sRGB colour."""
    linear = [c / 255 / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def read_logo(path: Path, roots: Iterable[Path] | None) -> tuple[str, bytes]:
    """The logo's media type and bytes, read through the gate (inside `roots`) and checked
    against the file's first bytes, not only its name."""
    media_type = LOGO_TYPES.get(path.suffix.lower())
    if media_type is None:
        raise ValueError(f"{path.name}: use a PNG, JPEG or SVG file")
    try:
        data = gate.read(path, roots, MAX_LOGO_BYTES)
    except gate.Refused as refused:
        if refused.reason.startswith("is larger than"):
            raise ValueError(
                f"{path.name} is over {MAX_LOGO_BYTES // 1_000_000} MB; use a smaller image"
            ) from None
        raise ValueError(refused.sentence()) from None
    head = data[:512]
    looks_right = {
        "image/png": head.startswith(b"\x89PNG\r\n\x1a\n"),
        "image/jpeg": head.startswith(b"\xff\xd8\xff"),
        "image/svg+xml": b"<svg" in head or head.lstrip().startswith(b"<?xml"),
    }[media_type]
    if not looks_right:
        raise ValueError(f"{path.name} is not a {media_type.split('/')[1].upper()} image")
    return media_type, data


def logo_for_print(path: Path, roots: Iterable[Path] | None) -> tuple[str, bytes]:
    """`read_logo`, with a PNG or JPEG decoded and scaled to print resolution."""
    media_type, data = read_logo(path, roots)
    if media_type != "image/svg+xml":
        data = _for_print(data, media_type)
    return media_type, data


def data_uri(path: Path) -> str:
    """The logo as a data URI, so the page carries its own image (the path was checked
    against its roots when the settings were read), at print resolution."""
    media_type, data = logo_for_print(path, gate.ANYWHERE)
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


@functools.lru_cache(maxsize=8)  # the settings check and the data URI decode the same logo
def _for_print(data: bytes, media_type: str) -> bytes:
    """A PNG or JPEG turned upright (a phone's EXIF orientation) and no larger than
    `PRINT_PIXELS`; an image already that small is kept byte for byte."""
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as opened:
            image = ImageOps.exif_transpose(opened)
            turned = image is not opened and image.size != opened.size
            if image.width <= PRINT_PIXELS[0] and image.height <= PRINT_PIXELS[1] and not turned:
                return data
            image.thumbnail(PRINT_PIXELS, Image.Resampling.LANCZOS)
            out = io.BytesIO()
            if media_type == "image/png":
                image.save(out, "PNG", optimize=True)
            else:
                image.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
            return out.getvalue()
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise ValueError(f"the logo cannot be read as an image ({error})") from None
