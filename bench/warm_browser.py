"""The warm-browser peer: one headless Chromium, kept open, printing HTML files to PDF.

This is what a web developer would reach for instead of careerguide: Playwright (from PyPI)
driving the system's Chromium, one `page.pdf` per file, the browser launched once. The
time includes the launch, as a user's script would pay it.

    python bench/warm_browser.py OUT_DIR FILE.html...
"""

import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from chromium import HEADLESS_FLAGS


def why_not() -> str | None:
    """Why the warm browser cannot run here, or None when it can."""
    if shutil.which("chromium") is None:
        return "chromium is not installed"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install playwright)"
    return None


def warm_prints(html_files: list[Path], out: Path) -> float:
    """Seconds for one warm headless Chromium to print every file to `out/<stem>.pdf`."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=HEADLESS_FLAGS[1:]
        )
        page = browser.new_page()
        for html in html_files:
            page.goto(html.resolve().as_uri(), wait_until="load")
            page.pdf(path=str(out / f"{html.stem}.pdf"), prefer_css_page_size=True)
        browser.close()
    return time.perf_counter() - start


if __name__ == "__main__":
    reason = why_not()
    if reason:
        raise SystemExit(f"warm browser not measured: {reason}")
    files = [Path(name) for name in sys.argv[2:]]
    print(f"{len(files)} files in {warm_prints(files, Path(sys.argv[1])):.2f} s")
