"""The built site in a real browser: Debian's Chromium driven by Playwright.

The real corpus is built once (the ``site`` fixture in conftest.py), served by
``http.server`` on 127.0.0.1, and read by one Chromium for the whole session.
A missing Chromium is a failure with a message, never a skip: ``make test``
installs it (``make browser``).

``QUOTEBOOK_SCREENSHOTS=<dir>`` also saves full-page screenshots of the main
pages (desktop and phone width, light and dark) into ``<dir>``.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

try:
    from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
except ImportError as error:  # pragma: no cover - the dev extra provides it
    raise ImportError(
        "The browser tests need Playwright's Python package: pip install -e '.[dev]'"
    ) from error

from quotebook.model import BlockKind
from quotebook.style import note

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DIALOGUE = "sources/getty-naumov-1999-road-to-terror.html"
UNCERTAIN = "sources/tucker-1990-stalin-in-power.html"
FOOTNOTE = "sources/schuman-1946-soviet-politics.html"
AUTHOR = "authors/getty-j-arch.html"
#: A word that occurs in one quote of the corpus and in no title.
SEARCH_WORD = "Wehrmacht"
PAGES = [
    "index.html",
    DIALOGUE,
    UNCERTAIN,
    AUTHOR,
    "people.html",
    "review.html",
    "bibliography.html",
    "years.html",
    "genindex.html",
    "about.html",
]
PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}


def chromium_path() -> str:
    """Debian's Chromium, or ``$QUOTEBOOK_CHROMIUM``; fails with the fix when absent."""
    candidates = [
        os.environ.get("QUOTEBOOK_CHROMIUM"),
        shutil.which("chromium"),
        "/usr/bin/chromium",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail(
        "The browser tests need Chromium and none was found. Run `make browser` (as root it "
        "installs Debian's `chromium` package) or `apt-get install chromium`, or set "
        "QUOTEBOOK_CHROMIUM to a Chromium executable.",
        pytrace=False,
    )


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1 at a free port."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Problems:
    """What went wrong while a page loaded: console errors, script errors, failed requests."""

    messages: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> Page:
        page.on(
            "console",
            lambda msg: (
                msg.type == "error"
                and self.messages.append(f"console: {msg.text} ({msg.location.get('url')})")
            ),
        )
        page.on("pageerror", lambda exc: self.messages.append(f"script error: {exc}"))
        page.on(
            "requestfailed",
            lambda req: self.messages.append(f"request failed: {req.url} {req.failure}"),
        )
        page.on(
            "response",
            lambda res: res.status >= 400 and self.messages.append(f"HTTP {res.status}: {res.url}"),
        )
        return page


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=DESKTOP)
    yield context
    context.close()


def open_page(context: BrowserContext, url: str) -> tuple[Page, Problems]:
    problems = Problems()
    page = problems.watch(context.new_page())
    page.goto(url, wait_until="networkidle")
    return page, problems


# -- (a) every kind of page loads cleanly ---------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_without_errors(context: BrowserContext, base_url: str, path: str) -> None:
    page, problems = open_page(context, base_url + path)
    assert page.locator("article h1").count() >= 1, path
    assert problems.messages == [], path


# -- (b) search ----------------------------------------------------------------


def test_search_finds_a_quote(context: BrowserContext, base_url: str, corpus) -> None:
    holders = {
        q.source_id for q in corpus.quotes if any(SEARCH_WORD in block.text for block in q.blocks)
    }
    assert holders, f"no quote contains {SEARCH_WORD!r}; choose another word"
    page, problems = open_page(context, f"{base_url}search.html?q={SEARCH_WORD}")
    results = page.locator("#search-results ul.search a")
    results.first.wait_for(timeout=15_000)
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    found = {m.group(1) for href in hrefs if (m := re.search(r"sources/([a-z0-9-]+)\.html", href))}
    assert holders <= found, hrefs
    assert problems.messages == []


# -- (c) the copy button ---------------------------------------------------------


def test_copy_button_copies_quote_and_citation(browser: Browser, base_url: str, corpus) -> None:
    # A quote with speaker turns and an editorial note: every line goes into the copy.
    quote = next(
        q
        for q in corpus.quotes
        if DIALOGUE.endswith(f"/{q.source_id}.html")
        and {BlockKind.SPEAKER, BlockKind.NOTE} <= {b.kind for b in q.blocks}
    )
    source = next(s for s in corpus.sources if s.id == quote.source_id)
    expected = "\n\n".join(b.text for b in quote.blocks)
    expected += "\n\n— " + note(source, quote.locator).plain()
    context = browser.new_context(
        viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"]
    )
    try:
        page, problems = open_page(context, base_url + DIALOGUE)
        button = page.locator(f'[id="{quote.id}"] .quote-copy')
        button.click()
        page.wait_for_function(
            "button => button.textContent === 'Copied'", arg=button.element_handle()
        )
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == expected
        assert source.title in copied and quote.locator.label() in copied
        assert problems.messages == []
    finally:
        context.close()


# -- (d) phone width -------------------------------------------------------------


@pytest.mark.parametrize("path", [DIALOGUE, UNCERTAIN, FOOTNOTE, "people.html", "index.html"])
def test_page_fits_a_phone_screen(browser: Browser, base_url: str, path: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page, _ = open_page(context, base_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width}px wide on a {PHONE['width']}px screen"
        # The quotes themselves stay inside the screen, not just the page.
        overflowing = page.evaluate(
            """width => Array.from(document.querySelectorAll('.quote, .quote-notice'))
                .filter(el => el.getBoundingClientRect().right > width + 0.5).length""",
            PHONE["width"],
        )
        assert overflowing == 0, path
    finally:
        context.close()


# -- (e) contrast in both themes ------------------------------------------------

# For each element: its text colour and the background behind it, translucent
# layers composited onto the first opaque one (white if none is).
_COLOURS = """selector => Array.from(document.querySelectorAll(selector)).slice(0, 5).map(el => {
    const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
        const c = parse(getComputedStyle(node).backgroundColor);
        const alpha = c.length === 4 ? c[3] : 1;
        if (alpha > 0) layers.push([c[0], c[1], c[2], alpha]);
        if (alpha >= 1) break;
    }
    let bg = [255, 255, 255];
    for (const [r, g, b, a] of layers.reverse()) {
        bg = [a * r + (1 - a) * bg[0], a * g + (1 - a) * bg[1], a * b + (1 - a) * bg[2]];
    }
    const fg = parse(getComputedStyle(el).color);
    return {fg: fg, bg: bg, opacity: Number(getComputedStyle(el).opacity)};
})"""

#: What must be readable: quoted words, editorial notes, speakers, footnotes,
#: citations and the uncertain-attribution notice.
CONTRAST_CHECKS = [
    (DIALOGUE, ".quote-text > .quote-paragraph"),
    (DIALOGUE, ".quote-text > .quote-note"),
    (DIALOGUE, ".quote-speaker-name"),
    (DIALOGUE, ".quote-citation-text"),
    (DIALOGUE, ".quote-copy"),
    (FOOTNOTE, ".quote-text > .quote-footnote"),
    (UNCERTAIN, ".quote-notice p"),
    (UNCERTAIN, ".quote-notice strong"),
]


def _luminance(rgb: list[float]) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: list[float], bg: list[float]) -> float:
    """WCAG contrast ratio; a translucent foreground is blended onto its background first."""
    alpha = fg[3] if len(fg) == 4 else 1.0
    blended = [alpha * f + (1 - alpha) * b for f, b in zip(fg[:3], bg[:3], strict=True)]
    light, dark = sorted((_luminance(blended), _luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_quotes_and_notes_are_readable(browser: Browser, base_url: str, theme: str) -> None:
    context = browser.new_context(viewport=DESKTOP, color_scheme=theme)
    # furo reads its theme choice from localStorage before the page paints.
    context.add_init_script(f"localStorage.setItem('theme', '{theme}')")
    try:
        page = context.new_page()
        loaded = ""
        for path, selector in CONTRAST_CHECKS:
            if path != loaded:
                page.goto(base_url + path, wait_until="load")
                assert page.evaluate("document.body.dataset.theme") == theme
                loaded = path
            colours = page.evaluate(_COLOURS, selector)
            assert colours, f"{selector} not found on {path}"
            for colour in colours:
                fg = [*colour["fg"][:3], (colour["fg"][3:] or [1.0])[0] * colour["opacity"]]
                ratio = contrast(fg, colour["bg"])
                assert ratio >= 4.5, f"{theme}: {selector} on {path}: contrast {ratio:.2f}"
    finally:
        context.close()


# -- screenshots, on request --------------------------------------------------

SCREENSHOT_PAGES = ["index.html", DIALOGUE, UNCERTAIN, AUTHOR, "people.html", "review.html"]


@pytest.mark.skipif(
    not os.environ.get("QUOTEBOOK_SCREENSHOTS"), reason="set QUOTEBOOK_SCREENSHOTS=<dir>"
)
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_screenshots(browser: Browser, base_url: str, theme: str, viewport: dict) -> None:
    out = Path(os.environ["QUOTEBOOK_SCREENSHOTS"])
    out.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=viewport, color_scheme=theme)
    context.add_init_script(f"localStorage.setItem('theme', '{theme}')")
    try:
        page = context.new_page()
        for path in SCREENSHOT_PAGES:
            page.goto(base_url + path, wait_until="networkidle")
            name = path.removesuffix(".html").replace("/", "-")
            page.screenshot(
                path=str(out / f"{name}-{viewport['width']}-{theme}.png"), full_page=True
            )
    finally:
        context.close()
