"""Headless Chromium driven over the DevTools protocol, for looking at the HTML handout.

Chromium speaks the protocol on file descriptors 3 and 4 with `--remote-debugging-pipe`
(JSON messages ended by a NUL byte), so no websocket library and no open port are
needed. One browser serves every page of a test session.
"""

import base64
import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
# Headless as root on a closed network: without the background-networking flags Chromium
# keeps trying to reach its own services. bench/run.py launches Chromium with these too.
HEADLESS_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FLAGS = [*HEADLESS_FLAGS, "--hide-scrollbars", "--remote-debugging-pipe"]

# Runs in the page once it and its fonts have loaded; returns what the tests check.
PROBE = """
(async () => {
  await document.fonts.ready;
  const root = document.documentElement;
  const faceOf = (element) => {
    const style = getComputedStyle(element);
    return `${style.fontStyle} ${style.fontWeight} 16px ${style.fontFamily}`;
  };
  const blocks = [document.querySelector("header"), ...document.querySelectorAll("main > section")];
  return JSON.stringify({
    innerWidth: window.innerWidth,
    scrollWidth: root.scrollWidth,
    scrollHeight: root.scrollHeight,
    fontsStatus: document.fonts.status,
    faces: [...document.fonts].map((face) => [face.family, face.weight, face.style, face.status]),
    used: ["body", "h1", "h2", ".bar-name"].map((selector) => {
      const element = document.querySelector(selector);
      return [selector, faceOf(element), document.fonts.check(faceOf(element))];
    }),
    sections: blocks.map((block) => {
      const box = block.getBoundingClientRect();
      const style = getComputedStyle(block);
      const title = block.querySelector("h2, h1");
      return {
        title: title ? title.textContent.trim() : "",
        visible: style.display !== "none" && style.visibility !== "hidden" && box.height > 0,
        left: box.left,
        right: box.right,
      };
    }),
  });
})()
"""


class Chromium:
    """One headless browser; `look` loads a page at a width and probes it."""

    def __init__(self) -> None:
        self.profile = tempfile.TemporaryDirectory(prefix="careerguide-chromium-")
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()
        actions = [
            (os.POSIX_SPAWN_DUP2, to_browser_read, 3),
            (os.POSIX_SPAWN_DUP2, from_browser_write, 4),
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
        ]
        args = [str(CHROMIUM), *FLAGS, f"--user-data-dir={self.profile.name}", "about:blank"]
        self.pid = os.posix_spawn(str(CHROMIUM), args, os.environ, file_actions=actions)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer (events in between are dropped)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self._buffer:
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the DevTools pipe")
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            answer = json.loads(raw)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer["result"]

    def evaluate(self, expression: str) -> Any:
        result = self.send(
            "Runtime.evaluate",
            self.session,
            expression=expression,
            awaitPromise=True,
            returnByValue=True,
        )
        return result["result"].get("value")

    def look(self, page: Path, width: int, screenshot: Path) -> dict[str, Any]:
        """Open `page` in a `width`-pixel-wide window, save a full-page PNG, return the probe."""
        self.send(
            "Emulation.setDeviceMetricsOverride",
            self.session,
            width=width,
            height=900,
            deviceScaleFactor=1,
            mobile=width < 700,
        )
        url = page.resolve().as_uri()
        self.send("Page.navigate", self.session, url=url)
        # Wait until the new document (not the previous one) has loaded; an evaluation that
        # lands on the old document as it goes away fails and is tried again.
        wait = (
            f"new Promise(done => {{ const check = () => location.href === {json.dumps(url)}"
            " && document.readyState === 'complete' ? done(true) : setTimeout(check, 20); check(); })"
        )
        for _ in range(50):
            with contextlib.suppress(RuntimeError):
                if self.evaluate(wait):
                    break
        probe = json.loads(self.evaluate(PROBE))
        shot = self.send(
            "Page.captureScreenshot",
            self.session,
            format="png",
            captureBeyondViewport=True,
            clip={"x": 0, "y": 0, "width": width, "height": probe["scrollHeight"], "scale": 1},
        )
        screenshot.write_bytes(base64.b64decode(shot["data"]))
        return probe

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, OSError):  # it may close before answering
            self.send("Browser.close")
        os.waitpid(self.pid, 0)
        os.close(self._to_browser)
        os.close(self._from_browser)
        self.profile.cleanup()
