"""The career library as a static website: `careerguide site`.

```
site/
  index.html              every career as a card, a search box and filters (site.js inline)
  careers/<slug>.html     the guide's HTML page with the site's bar on top
  pdf/<slug>.pdf          the full guide (build_many, guide layout)
  handouts/<slug>.pdf     the two-page handout (build_many, handout layout)
  assets/site.css
  sitemap.xml
```

The PDFs go through `build_many` (worker processes, the cache of unchanged guides,
progress), each kind into its own folder so each has its own cache. The career pages are
composed here, in the guide layout with `site_nav` handed to `base.html.j2`, and skipped
when their guide, its bar and every template and style are unchanged (`BuildCache`). The
index, sitemap and assets are written only when their bytes change, so a rebuild after one
guide changed rewrites that guide's files and the index only.

Every page gets the site's Content-Security-Policy in place of the guide's: the site's
own stylesheet (`'self'`) besides inline styles and data: fonts and images; no other
origin. The one script is careerguide's own `site.js`, inlined in the index and pinned by
its hash (an external script pinned by hash does not load from a folder opened on disk): a
project may restyle the site, but never run its own script in the browsers of the
students who open it.
"""

import base64
import functools
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from markupsafe import Markup

from .. import gate
from ..compose import fonts
from ..compose.document import CSP_META, with_security_policy
from ..compose.templating import render_template
from ..compose.themes import search_path
from ..core.errors import GuideError, OverBudget, Problem, refusal
from ..core.labels import formatters, labels
from ..core.resources import bundled
from ..data.soc import major_group
from ..guidefile.education import BLS_EDUCATION, entry_education
from ..guidefile.load import load_guide
from ..guidefile.model import Guide, slugify
from ..layouts.guide import GuideLayout
from ..render.write import write_atomic
from ..settings.model import Settings
from .batch import budget, build_many, collisions
from .cache import BuildCache, fingerprint
from .outcome import Outcome, captured
from .workers import budgeted

ASSETS = ("site.css",)
SCRIPT = "site.js"  # careerguide's own, never a project's
MAX_ASSET_BYTES = 2_000_000
SUMMARY_CHARS = 160


@functools.cache
def script() -> str:
    """The site's script: the bundled `styles/site/site.js`, whatever the project holds."""
    try:
        text = gate.read_text(
            bundled("styles") / "site" / SCRIPT, [bundled("styles")], MAX_ASSET_BYTES
        )
    except gate.Refused as refused:
        raise refusal(refused) from None
    if "</script" in text.lower():  # it would end its own element early
        raise GuideError(Problem.about(SCRIPT, "holds </script; it cannot be inlined"))
    return text


def script_element() -> Markup:
    """The script inlined, as the index prints it (the policy allows exactly this text)."""
    return Markup(f"<script>{script()}</script>")


def site_policy() -> str:
    """The Content-Security-Policy of every page of the site: the one script, by hash."""
    digest = base64.b64encode(hashlib.sha256(script().encode("utf-8")).digest()).decode("ascii")
    return (
        f"default-src 'none'; script-src 'sha256-{digest}';"
        " style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src data:;"
        " base-uri 'none'; form-action 'none'"
    )


# Yearly median pay bands for the filter (in the guide's currency; USD guides only).
PAY_BANDS: tuple[tuple[int, int | None, str], ...] = (
    (0, 40_000, "Under $40,000"),
    (40_000, 60_000, "$40,000 to $60,000"),
    (60_000, 80_000, "$60,000 to $80,000"),
    (80_000, 100_000, "$80,000 to $100,000"),
    (100_000, None, "$100,000 and over"),
)

# The site's own words on a career page, in the guide's language.
WORDS = {
    "en": {
        "all": "All careers",
        "guide_pdf": "Full guide (PDF)",
        "handout_pdf": "Handout, 2 pages (PDF)",
        "edition": "In English",
        "nav": "Site",
    },
    "es": {
        "all": "Todas las carreras",
        "guide_pdf": "Guía completa (PDF)",
        "handout_pdf": "Hoja resumen, 2 páginas (PDF)",
        "edition": "En español",
        "nav": "Sitio",
    },
}
LANGUAGE_NAMES = {"en": "English", "es": "Español"}
_SOC = re.compile(r"\d{2}-\d{4}(?:\.\d{2})?")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


@dataclass
class Entry:
    """One career as the index and the sitemap see it."""

    path: Path
    slug: str
    title: str
    language: str
    summary: str = ""
    pay: str = ""
    band: str = ""
    outlook: str = ""
    education: str = ""
    cluster: str = ""
    interests: list[str] = field(default_factory=list)
    updated: str = ""
    soc: str = ""
    search: str = ""
    edition: "Entry | None" = None

    def paired(self) -> "Entry | None":
        """The career's edition in the other language, when each names the other."""
        return self.edition if self.edition and self.edition.edition is self else None

    def leads_its_card(self) -> bool:
        """True for the edition the index shows a career as: the English one of a pair."""
        other = self.paired()
        if other is None:
            return True
        return (self.language != "en", self.slug) < (other.language != "en", other.slug)

    def card(self) -> dict[str, Any]:
        """The entry as plain data for the index template: one card for the career, with
        its edition in the other language as a switch (and in its search words)."""
        other = self.paired()
        editions = [self, other] if other else [self]
        return {
            "slug": self.slug,
            "title": self.title,
            "language": self.language,
            "summary": self.summary,
            "pay": self.pay,
            "band": self.band,
            "outlook": self.outlook,
            "education": self.education,
            "cluster": self.cluster,
            "interests": self.interests,
            "search": " ".join(dict.fromkeys(" ".join(e.search for e in editions).split())),
            "editions": [
                {
                    "slug": e.slug,
                    "language": e.language,
                    "name": LANGUAGE_NAMES.get(e.language, e.language),
                    "title": e.title,
                }
                for e in editions
            ]
            if other
            else [],
        }


def entry_of(path: Path, guide: Guide) -> Entry:
    """What the index shows of one guide."""
    career = guide.career
    fmt = formatters(labels(career.language)["locale"])
    entry = Entry(path, slugify(path.stem), career.title, career.language)
    entry.summary = one_line(career.summary or "")
    if guide.salary is not None and guide.salary.per == "year":  # bands are of yearly pay
        entry.pay = fmt["money"](guide.salary.median, guide.salary.currency)
        if guide.salary.currency == "USD":
            entry.band = pay_band(guide.salary.median)
    entry.outlook = (guide.outlook.demand or "") if guide.outlook else ""
    entry.education = entry_education(guide)
    # The counselor's cluster, else the field of the SOC major group, so every imported
    # career (and every guide with a code) can be found by field.
    entry.cluster = career.cluster or major_group(career.soc) or ""
    entry.interests = list(career.interests)
    entry.updated = career.updated.isoformat() if career.updated else ""
    soc = _SOC.search(career.soc or "")
    entry.soc = soc.group(0) if soc else ""
    entry.search = search_words(guide)
    return entry


def search_words(guide: Guide) -> str:
    """What a student may type to find the career, each word once, folded: its titles,
    other names, tasks, skills, technologies, industries and field. The script matches
    whole words (a plural or -ing form alike), so "RN" does not find "learning"."""
    career = guide.career
    texts = [career.title, *career.also_known_as, *career.tasks, career.cluster or ""]
    texts += [major_group(career.soc) or "", career.summary or ""]
    if guide.skills is not None:
        texts += [item.name for item in guide.skills.items] + list(guide.skills.technologies)
    if guide.snapshot is not None:
        texts += [*guide.snapshot.top_skills, *guide.snapshot.where_they_work]
    texts += guide.industries
    words = re.findall(r"[^\W_]+", folded(" ".join(texts)))
    return " ".join(dict.fromkeys(words))


def one_line(text: str) -> str:
    """The first sentence of `text`, at most SUMMARY_CHARS characters (cut at a word)."""
    text = " ".join(text.split())
    first = _SENTENCE_END.split(text, maxsplit=1)[0]
    if len(first) <= SUMMARY_CHARS:
        return first
    return first[:SUMMARY_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def folded(text: str) -> str:
    """Lower case without accents, as the search script folds what is typed."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def pay_band(median: int) -> str:
    return next(
        label for low, high, label in PAY_BANDS if median >= low and (high is None or median < high)
    )


def pair_editions(entries: list[Entry]) -> None:
    """Link each career to its edition in the other language: same SOC code, other language."""
    by_soc: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.soc:
            by_soc.setdefault(entry.soc, []).append(entry)
    for entry in entries:
        others = [e for e in by_soc.get(entry.soc, []) if e.language != entry.language]
        entry.edition = others[0] if others else None


@dataclass
class Phase:
    """One step of the site's build, reported like a batch of guides."""

    title: str
    count: int
    run: Callable[[Callable[[Path], None] | None], Iterator[Outcome]]


class Site:
    """Builds the site for one set of guides into `out`."""

    def __init__(
        self,
        out: Path,
        settings: Settings,
        *,
        allow_network: bool = False,
        base_url: str | None = None,
        jobs: int = 1,
        force: bool = False,
    ) -> None:
        self.out, self.allow_network = out, allow_network
        self.settings = replace(settings, layout="guide")
        self.base_url = base_url.rstrip("/") + "/" if base_url else None
        self.jobs, self.force = jobs, force
        self.entries: list[Entry] = []
        self.warnings: list[Problem] = []

    # The phases ------------------------------------------------------------------------

    def phases(self, guide_paths: list[Path]) -> Iterator[Phase]:
        """The career pages (loading every guide for the index), then the guide PDFs and the
        handouts of the guides that loaded."""
        guide_paths, clashes = collisions(guide_paths, self.out / "careers", ("html",))
        yield Phase(
            f"career pages -> {self.out / 'careers'}",
            len(guide_paths) + len(clashes),
            lambda started: self._pages(guide_paths, clashes, started),
        )
        loaded = [entry.path for entry in self.entries]
        for title, folder, layout in (
            ("guide PDFs", "pdf", "guide"),
            ("handouts", "handouts", "handout"),
        ):
            yield Phase(
                f"{title} -> {self.out / folder}",
                len(loaded),
                functools.partial(self._pdfs, loaded, folder, layout),
            )

    def _pdfs(
        self,
        guide_paths: list[Path],
        folder: str,
        layout: str,
        started: Callable[[Path], None] | None,
    ) -> Iterator[Outcome]:
        """The PDFs of one layout, through the batch (workers, cache, progress)."""
        settings = replace(self.settings, layout=layout)
        return build_many(
            guide_paths, self.out / folder, settings, ("pdf",), self.allow_network,
            jobs=self.jobs, force=self.force, started=started,
        )  # fmt: skip

    def _pages(
        self,
        guide_paths: list[Path],
        clashes: list[Outcome],
        started: Callable[[Path], None] | None,
    ) -> Iterator[Outcome]:
        yield from clashes
        guides: dict[Path, Guide] = {}
        failed: list[Outcome] = []
        for path in guide_paths:
            outcome = Outcome(path)
            with captured(outcome, path):
                guides[path] = load_guide(path)
                self.entries.append(entry_of(path, guides[path]))
            if outcome.error:
                failed.append(outcome)
        yield from failed
        pair_editions(self.entries)
        folder = self.out / "careers"
        layout = GuideLayout(self._page_settings())
        cache = BuildCache(folder, fingerprint(self.settings, ("site-page",), self.allow_network))

        def compose(task: tuple[Guide, dict[str, Any]]) -> str:  # in the worker
            guide, nav = task
            return layout.compose(guide, for_print=False, variables={"site_nav": nav}).html

        try:
            with budgeted(budget(self.settings), compose) as composed:
                yield from self._compose_pages(guides, cache, composed, started)
        finally:
            cache.save()

    def _compose_pages(
        self,
        guides: dict[Path, Guide],
        cache: BuildCache,
        composed: Callable[[tuple[Guide, dict[str, Any]]], str],
        started: Callable[[Path], None] | None,
    ) -> Iterator[Outcome]:
        """Each career's page, composed by `composed` (a worker under the guide budget)."""
        folder = self.out / "careers"
        for entry in self.entries:
            nav = self.nav(entry)
            key = cache.key(entry.path)
            if key is not None:
                key = hashlib.sha256(f"{key}\0{json.dumps(nav)}".encode()).hexdigest()
            kept = None if self.force else cache.up_to_date(entry.path, key)
            if kept:
                yield Outcome(entry.path, unchanged=kept)
                continue
            if started is not None:
                started(entry.path)
            outcome = Outcome(entry.path)
            with captured(outcome, entry.path):
                html = composed((guides[entry.path], nav))
                if 'class="site-bar"' not in html:
                    no_bar = (
                        "the page has no site bar: the project's base.html.j2 lacks the"
                        " site_nav hook of the bundled one"
                    )
                    outcome.warnings.append(Problem.about(entry.path, no_bar, "warning"))
                html = site_page(html, ["../assets/site.css"])
                target = folder / f"{entry.slug}.html"
                outcome.digests[str(target)] = write_atomic(target, html.encode("utf-8"))
                outcome.written.append(target)
            written = {} if outcome.error else {p: outcome.digests[str(p)] for p in outcome.written}
            cache.record(entry.path, key, written)
            yield outcome

    def _page_settings(self) -> Settings:
        """The settings of a career page: the site's bar above it names the school and
        shows the logo, so the guide's own header leaves them out (once is enough)."""
        unmarked = [
            (language, replace(own, school=None)) for language, own in self.settings.by_language
        ]
        return replace(
            self.settings,
            branding=replace(self.settings.branding, school=None, logo_data_uri=None),
            by_language=tuple(unmarked),
        )

    def nav(self, entry: Entry) -> dict[str, Any]:
        """The site bar of one career page, as plain data for `site/nav.html.j2`."""
        words = WORDS.get(entry.language, WORDS["en"])
        edition = None
        if entry.edition is not None:
            other = entry.edition
            edition = {
                "href": f"{other.slug}.html",
                "label": WORDS.get(other.language, WORDS["en"])["edition"],
                "language": other.language,
                "title": other.title,
            }
        return {
            "index": "../index.html",
            "guide_pdf": f"../pdf/{entry.slug}.pdf",
            "handout_pdf": f"../handouts/{entry.slug}.pdf",
            "edition": edition,
            "words": words,
            "school": self.settings.branding_for(entry.language).school or "",
            "logo": self.settings.branding.logo_data_uri or "",
        }

    # The index, sitemap and assets -------------------------------------------------------

    def finish(self) -> Iterator[tuple[Path, bool]]:
        """Write the assets, the index and the sitemap; (path, whether it was rewritten)."""
        for folder in search_path(self.settings, "styles")[:-1]:  # the project's, not ours
            if os.path.lexists(folder / "site" / SCRIPT):
                not_used = "not used: the site runs careerguide's own script only"
                self.warnings.append(Problem.about(folder / "site" / SCRIPT, not_used, "warning"))
        for name in ASSETS:
            yield self._write(self.out / "assets" / name, self._asset(name))
        # The index's template may be the project's: it runs under the budget too.
        with budgeted(budget(self.settings), lambda _: self.index_html()) as index_html:
            try:
                html = index_html(None)
            except OverBudget as error:
                raise GuideError(Problem.about("site/index.html.j2", f"stopped: {error}")) from None
        yield self._write(self.out / "index.html", html.encode("utf-8"))
        yield self._write(self.out / "sitemap.xml", self.sitemap().encode("utf-8"))

    def _asset(self, name: str) -> bytes:
        folders = search_path(self.settings, "styles")
        for folder in folders:
            if (folder / "site" / name).is_file():
                try:
                    return gate.read(folder / "site" / name, [folder], MAX_ASSET_BYTES)
                except gate.Refused as refused:
                    raise refusal(refused) from None
        missing = f"no site/{name} in {', '.join(map(str, folders))}"
        raise GuideError(Problem.about("", missing))

    @staticmethod
    def _write(path: Path, data: bytes) -> tuple[Path, bool]:
        """Write `path` unless it already holds exactly `data`."""
        try:
            if path.is_file() and not path.is_symlink() and path.read_bytes() == data:
                return path, False
        except OSError:
            pass
        write_atomic(path, data)
        return path, True

    def index_data(self) -> dict[str, Any]:
        cards = sorted(
            (entry.card() for entry in self.entries if entry.leads_its_card()),
            key=lambda card: folded(card["title"]),
        )
        pdfs = {
            card["slug"]: (self.out / "pdf" / f"{card['slug']}.pdf").is_file() for card in cards
        }
        return {
            "cards": cards,
            "pdfs": pdfs,
            "clusters": sorted({c["cluster"] for c in cards if c["cluster"]}, key=folded),
            "interests": sorted({i for c in cards for i in c["interests"]}),
            "educations": [e for e in BLS_EDUCATION if any(c["education"] == e for c in cards)],
            "bands": [label for _, _, label in PAY_BANDS if any(c["band"] == label for c in cards)],
            "school": self.settings.branding.school or "",
            "logo": self.settings.branding.logo_data_uri or "",
            "accent": self.settings.accent or "",
            "site_script": script_element(),
        }

    def index_html(self) -> str:
        body = render_template(self.settings, "site/index.html.j2", self.index_data())
        return site_page(body, ["assets/site.css"], template="site/index.html.j2")

    def sitemap(self) -> str:
        """sitemap.xml: the index and each career page; absolute addresses with a base URL."""
        base = self.base_url or ""
        rows = [f"  <url><loc>{escape(base + 'index.html')}</loc></url>"]
        for entry in sorted(self.entries, key=lambda entry: entry.slug):
            lastmod = f"<lastmod>{entry.updated}</lastmod>" if entry.updated else ""
            loc = escape(f"{base}careers/{entry.slug}.html")
            rows.append(f"  <url><loc>{loc}</loc>{lastmod}</url>")
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "\n".join(rows)
            + "\n</urlset>\n"
        )


def site_page(html: str, stylesheets: list[str], template: str | None = None) -> str:
    """A page with the site's policy in place of the guide's and `stylesheets` linked after
    its own styles. A page of the site's own `template` (not yet through `finish_page`) gets
    the charset and policy put first in its <head> and its fonts embedded at `/*CSS*/`."""
    if template is not None:
        html = with_security_policy(html, template)
        html = html.replace("/*CSS*/", fonts.embedded_font_faces(html), 1)
    links = "".join(f'<link rel="stylesheet" href="{escape(href)}">\n' for href in stylesheets)
    head_end = html.find("</head>")
    if head_end != -1 and links:
        html = html[:head_end] + links + html[head_end:]
    if CSP_META not in html:
        raise GuideError(Problem.about("", "a site page lost its Content-Security-Policy"))
    policy = f'<meta http-equiv="Content-Security-Policy" content="{site_policy()}">'
    return html.replace(CSP_META, policy, 1)
