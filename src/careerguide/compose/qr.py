"""QR codes for printed links: vector SVG from segno, as data URIs the page embeds.

A vector code stays sharp at any print size and after photocopying, needs no network and
no temporary file, and passes the sandboxed fetcher as a data: URI. Always a full QR code
(segno would pick a Micro QR for short text, which many phone cameras do not read), with
the standard four-module quiet zone so it scans even when printed near other ink.
"""

from functools import lru_cache


@lru_cache(maxsize=512)
def qr_data_uri(url: str) -> str:
    """A `data:image/svg+xml` URI of a QR code that decodes to `url`, sized by CSS."""
    import segno

    code = segno.make_qr(url, error="m", boost_error=True)
    # Dark modules on an opaque white ground: decoders need the contrast, and an
    # off-white or tinted theme page would otherwise show through the quiet zone.
    return code.svg_data_uri(border=4, dark="#000", light="#fff", omitsize=True)
