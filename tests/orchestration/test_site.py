"""`careerguide site`: the static website, as files and as a real browser shows it.

The site is built once for the module, from three guides (the bundled English guide, its
Spanish edition and the minimal fixture) with their PDFs. The browser tests drive the
Debian Chromium through Playwright (from PyPI; no browser is downloaded) over file://
URLs, and skip, saying why, where Chromium or Playwright is missing. The W3C Nu checker
runs over the site's pages as in tests/compose/test_valid_html.py.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from careerguide.core.labels import labels
from careerguide.guidefile.load import load_guide
from careerguide.orchestration.site import BLS_EDUCATION, Site, one_line, site_policy
from careerguide.settings.model import Branding, Settings
from chromium import HEADLESS_FLAGS
from compose.test_valid_html import KEPT_WARNINGS, VNU_JAR
from helpers import BUNDLED, FIXTURES, ROOT, SPANISH, careerguide

CHROMIUM = shutil.which("chromium")
# The browser tests' flags; Playwright adds --headless itself.
LAUNCH_FLAGS = [flag for flag in HEADLESS_FLAGS if flag != "--headless"]
WIDTHS = (1280, 390)
LOGO_SVG = "<svg xmlns='http://www.w3.org/2000/svg' width='40' height='20'><rect width='40' height='20' fill='#2e6b30'/></svg>"
SLUGS = ("machine-learning-engineer", "ingeniero-de-aprendizaje-automatico", "minimal")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> dict:
    """The site of three guides, built by the command as a counselor runs it."""
    root = tmp_path_factory.mktemp("site")
    guides = root / "guides"
    (guides / "es").mkdir(parents=True)
    shutil.copy(BUNDLED, guides / BUNDLED.name)
    shutil.copy(SPANISH, guides / "es" / SPANISH.name)
    shutil.copy(FIXTURES / "minimal.yaml", guides / "minimal.yaml")
    (root / "logo.svg").write_text(LOGO_SVG)
    out = root / "site"
    args = [str(guides), "--out", str(out), "--school", "Lincoln High", "--logo"]
    args += [str(root / "logo.svg"), "--base-url", "https://lincoln.example/careers", "-j", "2"]
    run = careerguide("site", *args, cwd=root)
    assert run.returncode == 0, run.stderr
    return {"out": out, "guides": guides, "args": args, "root": root, "run": run}


# --- The files ------------------------------------------------------------------------------


def test_the_site_holds_an_index_a_page_and_two_pdfs_per_career_and_a_sitemap(site):
    out = site["out"]
    assert (out / "index.html").is_file() and (out / "sitemap.xml").is_file()
    for slug in SLUGS:
        assert (out / "careers" / f"{slug}.html").is_file()
        assert (out / "pdf" / f"{slug}.pdf").read_bytes().startswith(b"%PDF")
        assert (out / "handouts" / f"{slug}.pdf").read_bytes().startswith(b"%PDF")
    assert {p.name for p in (out / "assets").iterdir()} == {"site.css"}


def test_the_sitemap_names_every_page_at_the_base_url(site):
    sitemap = (site["out"] / "sitemap.xml").read_text()
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert locs[0] == "https://lincoln.example/careers/index.html"
    assert sorted(locs[1:]) == sorted(
        f"https://lincoln.example/careers/careers/{s}.html" for s in SLUGS
    )
    assert "<lastmod>2026-11-01</lastmod>" in sitemap


def test_every_page_has_its_title_description_language_school_and_the_site_policy(site):
    out = site["out"]
    pages = {"index": out / "index.html"} | {s: out / "careers" / f"{s}.html" for s in SLUGS}
    for name, page in pages.items():
        html = page.read_text()
        assert f'content="{site_policy()}"' in html, name
        assert html.count("Content-Security-Policy") == 1, name
        assert "Lincoln High" in html and "data:image/svg+xml" in html, name
        assert re.search(r"<title>[^<]+</title>", html), name
        assert ('name="description"' in html) or name == "minimal", name
        assert not re.search(r"""(src|href)=["']https?:""", html.split("<main", 1)[0]), name
    assert '<html lang="es"' in pages["ingeniero-de-aprendizaje-automatico"].read_text()


def test_the_index_lists_every_career_by_title_with_a_count(site):
    html = (site["out"] / "index.html").read_text()
    titles = re.findall(r'<h2 lang="\w+"><a href="careers/[^"]+">([^<]+)</a>', html)
    assert titles == ["Machine Learning Engineer", "Park Ranger"]  # one card, two editions
    assert ">2 careers</p>" in html
    assert "$155,000" in html and "Very high" in html and "Digital Technology" in html
    switch = re.search(r'<p class="editions">(.*?)</p>', html)[1]
    assert re.findall(r'href="careers/([^"]+)\.html" hreflang="(\w+)"', switch) == [
        ("machine-learning-engineer", "en"),
        ("ingeniero-de-aprendizaje-automatico", "es"),
    ]


def test_text_is_escaped_everywhere(tmp_path):
    guide = tmp_path / "evil.yaml"
    guide.write_text(
        'schema: 1\ncareer:\n  title: "<script>alert(1)</script> Tamer"\n'
        '  summary: "</p><img src=x onerror=alert(2)> and \\" quotes"\n'
        '  cluster: "\\"><b>x</b>"\n'
    )
    settings = Settings(branding=Branding(school="<i>Lincoln</i> High"))
    builder = Site(tmp_path / "out", settings)
    pages = next(iter(builder.phases([guide])))
    assert [outcome.error for outcome in pages.run(None)] == [None]
    for html in (builder.index_html(), (tmp_path / "out/careers/evil.html").read_text()):
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "<i>Lincoln" not in html and "<b>x</b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Tamer" in html
    assert "<script" not in builder.sitemap()


def test_a_summary_becomes_one_line():
    assert one_line("First one.  Second one.") == "First one."
    long = one_line("word " * 100)
    assert len(long) <= 161 and long.endswith("…")


# --- The W3C checker ------------------------------------------------------------------------


# Checker warnings about the site's pages kept on purpose, with the reason; nothing else may be
# reported. (The checker refuses pages on 127.0.0.1, "Forbidden host", so it reads the files.)
SITE_KEPT_WARNINGS = {
    re.compile(
        r"Resource violates Content Security Policy \(meta tag\): "
        r"external stylesheet “(\.\./)?assets/site\.css” blocked by “style-src” directive\."
    ): (
        "the checker gives a file: page no origin, so 'self' matches nothing for it; browsers"
        " load the site's own stylesheet under 'self' (the browser tests below see it apply)"
    ),
    re.compile(
        r"Inline script violates Content Security Policy \(meta tag\): blocked by “script-src”"
        r" directive \(missing “.unsafe-inline.” or nonce/hash\)\."
    ): (
        "the checker does not match an inline script against a 'sha256-...' source; browsers"
        " do (the browser tests below see the index's script run, and no other)"
    ),
}


def test_the_nu_checker_finds_no_error_in_the_sites_pages(site):
    if shutil.which("java") is None:
        pytest.skip(
            "java not found: install the Debian package default-jre-headless (.ci/run does)"
        )
    if not VNU_JAR.is_file():
        pytest.skip(f"{VNU_JAR} not found: `npm install --prefix .ci/node vnu-jar` (.ci/run does)")
    out = site["out"]
    pages = {"index": out / "index.html"} | {s: out / "careers" / f"{s}.html" for s in SLUGS}
    command = ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always"]
    run = subprocess.run(
        [*command, *map(str, pages.values())],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    names = {path.resolve(): name for name, path in pages.items()}
    errors: dict[str, list[str]] = {name: [] for name in pages}
    warnings: dict[str, list[str]] = {name: [] for name in pages}
    for message in json.loads(run.stderr)["messages"]:
        name = names.get(Path(message.get("url", "").removeprefix("file:")).resolve(), "(no page)")
        where = f"line {message.get('lastLine', '?')}: {message['message']}"
        kept = {**KEPT_WARNINGS, **SITE_KEPT_WARNINGS}
        if message["type"] in ("error", "non-document-error"):
            errors.setdefault(name, []).append(where)
        elif message.get("subType") == "warning" and not any(
            pattern.fullmatch(message["message"]) for pattern in kept
        ):
            warnings.setdefault(name, []).append(where)
    assert errors == {name: [] for name in pages}
    assert warnings == {name: [] for name in pages}


# --- In a real browser ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("chromium not found: install the Debian package chromium (.ci/run does)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright not installed: pip install -e '.[test]'"
    )
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """Open a site file at a width; the page's console errors and failed requests are kept."""
    contexts = []

    def open_at(path: Path, width: int = 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.problems = []
        page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
        page.on("pageerror", lambda error: page.problems.append(str(error)))
        page.on("requestfailed", lambda r: page.problems.append(f"failed: {r.url}"))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        page.evaluate("document.fonts.ready.then(() => true)")
        return page

    yield open_at
    for context in contexts:
        context.close()


def visible_titles(page) -> list[str]:
    return page.locator(".card:not([hidden]) h2").all_inner_texts()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_index_fits_the_width_and_runs_its_script_without_errors(site, open_page, width):
    page = open_page(site["out"] / "index.html", width)
    assert page.locator("#filters").is_visible()  # the script ran: the filters are shown
    assert len(visible_titles(page)) == 2
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner
    assert page.problems == []


def test_typing_a_search_narrows_the_cards(site, open_page):
    page = open_page(site["out"] / "index.html", 390)
    page.fill("#q", "ranger")
    assert visible_titles(page) == ["Park Ranger"]
    assert page.inner_text("#count") == "Showing 1 of 2 careers"
    page.fill("#q", "aprendizaje automatico")  # without accents, as a phone keyboard types it
    assert visible_titles(page) == ["Machine Learning Engineer"]  # its Spanish edition's words
    page.fill("#q", "zzz nothing")
    assert visible_titles(page) == [] and page.locator("#none").is_visible()
    page.fill("#q", "")
    assert len(visible_titles(page)) == 2


def test_a_filter_narrows_the_cards(site, open_page):
    page = open_page(site["out"] / "index.html")
    page.select_option("#cluster", "Digital Technology")
    assert visible_titles(page) == ["Machine Learning Engineer"]
    page.select_option("#cluster", "")
    page.select_option("#pay", "$100,000 and over")
    assert visible_titles(page) == ["Machine Learning Engineer"]
    page.select_option("#pay", "")
    page.select_option("#education", "Bachelor's degree")  # its 4-year degree, as BLS says it
    assert visible_titles(page) == ["Machine Learning Engineer"]
    page.click("button[type=reset]")
    # The script filters again once the form has reset, and then counts every career.
    # Playwright's own wait (not `wait_for_function`, whose string the page's policy refuses
    # to evaluate, as it refuses any script but ours).
    from playwright.sync_api import expect

    expect(page.locator("#count")).to_have_text("2 careers")
    assert page.input_value("#pay") == ""
    assert len(visible_titles(page)) == 2
    assert page.problems == []


def test_without_scripts_every_career_is_shown(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((site["out"] / "index.html").as_uri())
    assert len(page.locator(".card").all()) == 2
    assert all(card.is_visible() for card in page.locator(".card").all())
    assert not page.locator("#filters").is_visible()
    context.close()


def test_links_open_the_career_its_pdfs_and_its_other_edition(site, open_page):
    out = site["out"]
    page = open_page(out / "index.html")
    page.click("text=Machine Learning Engineer")
    page.wait_for_load_state("load")
    assert page.url.endswith("/careers/machine-learning-engineer.html")
    assert page.locator("h1").first.inner_text() == "Machine Learning Engineer"
    links = {a.inner_text(): a.get_attribute("href") for a in page.locator(".site-links a").all()}
    here = out / "careers"
    assert (here / links["Full guide (PDF)"]).resolve() == out / "pdf/machine-learning-engineer.pdf"
    assert (here / links["Handout, 2 pages (PDF)"]).resolve().is_file()
    assert links["En español"] == "ingeniero-de-aprendizaje-automatico.html"
    page.click("text=En español")
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "es"
    page.click("text=Todas las carreras")
    page.wait_for_load_state("load")
    assert page.url.endswith("/index.html")
    assert page.problems == []


@pytest.mark.parametrize("width", WIDTHS)
def test_a_career_page_fits_the_width(site, open_page, width):
    page = open_page(site["out"] / "careers" / "machine-learning-engineer.html", width)
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner
    assert page.locator(".site-bar").is_visible()
    assert page.problems == []


@pytest.mark.parametrize("name", ["index.html", "careers/machine-learning-engineer.html"])
def test_axe_finds_no_serious_or_critical_violation(site, open_page, name):
    axe_module = pytest.importorskip(
        "axe_playwright_python.sync_playwright", reason="axe-playwright-python not installed"
    )
    page = open_page(site["out"] / name)
    results = axe_module.Axe().run(page)
    severe = [
        (v["id"], v["impact"], len(v["nodes"]))
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert severe == []


# --- What a student types, and a phone ---------------------------------------------------

# Made-up guides holding the words students type in their other names, tasks, skills,
# technologies and industries, not in their titles.
STUDENT_GUIDES = {
    "nurse": (
        "career:\n  title: Registered Nurses\n  also_known_as: [RN, Charge Nurse]\n"
        "  soc: 29-1141.00\n  tasks: [Record patients' medical histories]\n"
        "industries: [Hospitals, Clinics]\n"
        "education:\n  - {route: Bachelor's degree, share: 60,"
        ' detail: "Typical entry-level education (BLS): Bachelor\'s degree."}\n'
    ),
    "developer": (
        "career:\n  title: Software Developers\n  soc: 15-1252.00\n"
        "  tasks: [Write and test code for new programs]\n"
        "skills:\n  items:\n    - {name: Programming, score: 80}\n"
        "  technologies: [Python, Git]\n"
        'pathway:\n  - {stage: Education, detail: "Typical for entry: Bachelor\'s degree."}\n'
    ),
    "cook": (
        "career:\n  title: Chefs and Head Cooks\n  soc: 35-1011.00\n"
        "  tasks: [Plan menus and order food]\n"
        "education:\n  - {route: High school or less, share: 70, cite: [s1],"
        ' detail: "Typical entry-level education (BLS): High school diploma or equivalent."}\n'
        "sources:\n  - {id: s1, title: O*NET}\n"
    ),
    "learning": (
        "career:\n  title: Machine Learning Engineer\n  cluster: Digital Technology\n"
        "  tasks: [Train models on data]\n"
    ),
}


@pytest.fixture(scope="module")
def student_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("student-site")
    (root / "guide").mkdir()
    for name, text in STUDENT_GUIDES.items():
        (root / "guide" / f"{name}.yaml").write_text(text, encoding="utf-8")
    run = careerguide("site", "--out", "site", "--school", "Lincoln High", "-j", "1", cwd=root)
    assert run.returncode == 0, run.stderr
    return root / "site"


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("coding", ["Software Developers"]),  # "code" in a task: an -ing form alike
        ("python", ["Software Developers"]),  # a technology
        ("hospital", ["Registered Nurses"]),  # an industry, singular for plural
        ("chef", ["Chefs and Head Cooks"]),
        ("RN", ["Registered Nurses"]),  # a whole word: not "learning"
        ("learn", ["Machine Learning Engineer"]),  # the last word typed, as one types
        ("menus", ["Chefs and Head Cooks"]),
        ("nurse charge", ["Registered Nurses"]),
    ],
)
def test_search_finds_what_a_student_types(student_site, open_page, typed, found):
    page = open_page(student_site / "index.html", 390)
    page.fill("#q", typed)
    assert visible_titles(page) == found
    assert page.problems == []


def test_filters_offer_bls_entry_education_and_a_field_for_every_career(student_site, open_page):
    page = open_page(student_site / "index.html")
    # BLS's words as the option's value (what the cards are marked with), printed with a
    # typographic apostrophe.
    options = page.locator("#education option")
    values = options.evaluate_all("options => options.map(option => option.value)")
    assert values == ["", "High school diploma or equivalent", "Bachelor's degree"]
    assert options.all_inner_texts()[-1] == "Bachelor\u2019s degree"
    page.select_option("#education", "Bachelor's degree")  # from a route, and from a pathway
    assert visible_titles(page) == ["Registered Nurses", "Software Developers"]
    fields = page.locator("#cluster option").all_inner_texts()
    assert fields == [
        "Any",
        "Computer and Mathematical",
        "Digital Technology",
        "Food Preparation and Serving",
        "Healthcare Practitioners and Technical",
    ]
    chefs = page.locator(".card:has-text('Chefs') dd").all_inner_texts()
    assert chefs[-1] == "High school diploma or equivalent"


def test_on_a_phone_the_filters_fold_and_the_first_career_shows_at_once(student_site, open_page):
    page = open_page(student_site / "index.html", 390)
    assert not page.locator("#cluster").is_visible()
    first = page.evaluate("document.querySelector('.card').getBoundingClientRect().top")
    assert first < 400, first  # within the first screen of a 390 x 844 phone
    page.click("summary")
    assert page.locator("#cluster").is_visible()
    wide = open_page(student_site / "index.html", 1280)
    assert wide.locator("#cluster").is_visible()


def test_a_career_page_names_the_school_once(student_site, open_page):
    page = open_page(student_site / "careers" / "nurse.html", 390)
    assert page.locator("text=Lincoln High").count() == 1
    assert page.locator(".site-bar").inner_text().startswith("Lincoln High")


SHARED = ROOT.parent / "shared" / "data"


def test_real_imported_careers_are_found_as_students_type(tmp_path, open_page):
    """The counselor's site from real O*NET and BLS files (skipped without them)."""
    onet, projections = (
        SHARED / "onet-29.3",
        SHARED / "bls-ep-2024-34" / "Employment Projections.csv",
    )
    if not (onet.is_dir() and projections.is_file()):
        pytest.skip("the real O*NET and BLS files are not in ../shared/data (see its README)")
    titles = ["registered nurse", "chefs and head cooks", "computer programmers", "electrician"]
    imported = careerguide(
        "import", *titles, "--onet", str(onet), "--projections", str(projections), cwd=tmp_path
    )
    assert imported.returncode == 0, imported.stderr
    built = careerguide("site", "-j", "2", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    page = open_page(tmp_path / "site" / "index.html", 390)
    for typed, expected in (
        ("chef", "Chefs and Head Cooks"),
        ("RN", "Registered Nurses"),
        ("hospital", "Registered Nurses"),
        ("coding", "Computer Programmers"),
    ):
        page.fill("#q", typed)
        assert expected in visible_titles(page), typed
    page.fill("#q", "RN")
    assert visible_titles(page) == ["Registered Nurses"]
    page.fill("#q", "")
    fields = page.locator("#cluster option").all_text_contents()[1:]
    assert "Healthcare Practitioners and Technical" in fields and len(fields) == 4
    options = page.locator("#education option")
    educations = options.evaluate_all("options => options.map(option => option.value)")[1:]
    assert educations and set(educations) <= set(BLS_EDUCATION)
    assert page.locator("dd:text-is('Not given')").count() == 4  # pay only: no --wages


# --- Incremental (last: it changes a guide) -------------------------------------------------


def test_a_rebuild_after_one_guide_changed_rewrites_its_files_and_the_index_only(site):
    again = careerguide("site", *site["args"], cwd=site["root"])
    assert again.returncode == 0, again.stderr
    assert "wrote " not in again.stdout, again.stdout
    minimal = site["guides"] / "minimal.yaml"
    minimal.write_text(
        minimal.read_text() + "  summary: Looks after parks and the people in them.\n"
    )
    changed = careerguide("site", *site["args"], cwd=site["root"])
    assert changed.returncode == 0, changed.stderr
    out = site["out"]
    wrote = sorted(
        line.removeprefix("wrote ")
        for line in changed.stdout.splitlines()
        if line.startswith("wrote ")
    )
    assert wrote == sorted(
        str(out / name)
        for name in (
            "careers/minimal.html",
            "pdf/minimal.pdf",
            "handouts/minimal.pdf",
            "index.html",
        )
    )
    assert "Looks after parks" in (out / "index.html").read_text()


def test_a_projects_script_never_runs_in_the_site(tmp_path, browser):
    """A project's `styles/site/site.js` is not used, and no other script passes the policy:
    not one written into the site's folder, nor one inline in a project's index template."""
    project = tmp_path / "project"
    (project / "guide").mkdir(parents=True)
    shutil.copy(FIXTURES / "minimal.yaml", project / "guide" / "minimal.yaml")
    (project / "styles" / "site").mkdir(parents=True)
    (project / "styles" / "site" / "site.js").write_text('document.title = "PWNED";\n')
    (project / "templates" / "site").mkdir(parents=True)
    bundled_index = ROOT / "templates" / "site" / "index.html.j2"
    index = bundled_index.read_text().replace(
        "</footer>",
        '</footer>\n<script src="assets/evil.js"></script><script>document.title = "PWNED";</script>',
    )
    (project / "templates" / "site" / "index.html.j2").write_text(index)
    result = careerguide("site", cwd=project)
    assert result.returncode == 0, result.stderr
    warning = "styles/site/site.js: warning: not used: the site runs careerguide's own script only"
    assert warning in result.stderr
    out = project / "site"
    (out / "assets" / "evil.js").write_text('document.title = "PWNED";\n')
    assert "PWNED" not in (out / "index.html").read_text().split("</footer>")[0]
    page = browser.new_page()
    page.goto((out / "index.html").as_uri())
    page.wait_for_load_state("load")
    assert page.title() != "PWNED"
    assert page.locator("#filters").is_visible()  # our own script ran
    page.close()


def test_a_browser_prints_a_career_page_with_whole_quotes_and_plan_steps(site, open_page, tmp_path):
    """Ctrl+P of a career page: no quote split over two pages, no plan step's heading
    left at a page's foot without its first item."""
    page = open_page(site["out"] / "careers" / f"{SLUGS[0]}.html")
    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf), format="Letter", print_background=True)
    guide = load_guide(BUNDLED)
    with pdfplumber.open(pdf) as document:
        texts = [" ".join((p.extract_text() or "").split()) for p in document.pages]
    for quote in guide.quotes:
        words = quote.text.split()
        head, tail = " ".join(words[:4]), " ".join(words[-3:])
        assert any(head in text and tail in text for text in texts), quote.text[:40]
    english = labels("en")
    for key in ("high_school", "college", "first_job"):
        first = getattr(guide.action_plan, key)[0].split()
        on = [n for n, text in enumerate(texts) if english[key] in text]
        assert on and " ".join(first[:3]) in texts[on[0]], key
