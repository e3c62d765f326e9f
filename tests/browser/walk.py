"""The page walk: every public page, in every offered language, on a phone and at a desk.

For each page it records what a reader would meet: a 5xx (the page or anything it loads), a
console error, a Content-Security-Policy violation, sideways scrolling (the document wider than
the window), and axe-core's serious or critical accessibility violations. It also measures how
much of the interface text still shows in English: the visible text pieces that are exactly a
msgid of the project's catalogues, against the English page.

Used by ``test_page_walk.py`` against the live server; ``python tests/browser/walk.py URL``
walks a running demo (``make demo``) the same way, for a quick look.
"""

from __future__ import annotations

import gettext
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
LANGUAGES = ["en", "ru", "tr", "kk", "ky", "uz", "tg", "tk", "az", "fa", "ps"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Public pages by path under the language prefix; "{vacancy}" and "{agency}" are found on the lists.
PAGES = [
    "",
    "corridors/",
    "corridors/KGZ-TUR/",
    "corridors/KGZ-TUR/guide/",
    "corridors/KGZ-TUR/history/",
    "tools/stay/",
    "tools/stay/?citizenship=KGZ&destination=TUR",
    "consulates/",
    "profiles/",
    "profiles/KGZ/",
    "profiles/compare/",
    "registration/",
    "recruitment/",
    "recruitment/verify/",
    "recruitment/verify/?code=JOB-2222-22X",
    "recruitment/agencies/",
    "recruitment/agencies/{agency}/",
    "recruitment/vacancies/",
    "recruitment/vacancies/{vacancy}/",
    "recruitment/hiring/apply/{vacancy}/",
    "recruitment/hiring/status/",
    "recruitment/hiring/contracts/verify/",
    "recruitment/fees/report/",
    "recruitment/complaints/",
    "recruitment/complaints/follow/",
    "statistics/",
    "statistics/indicators/",
    "statistics/mirror/",
    "statistics/structures/",
    "statistics/data/DF_MIGR_POP/",
    "reference/countries/",
    "accounts/login/",
    "accounts/password/reset/",
]
# Pages outside the language prefix, walked once per width.
UNPREFIXED = ["/api/v1/docs/", "/api/v1/redoc/"]

SERIOUS = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.length}× e.g. ${v.nodes[0].target.join(" ")}`);
}"""
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"
# Visible text pieces: each text node's whitespace-normalised content, skipping hidden elements,
# scripts, the language menu (language names) and anything marked translate="no".
VISIBLE_TEXT = """() => {
  const pieces = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const element = node.parentElement;
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    if (!text || !element || element.closest("script, style, select, [translate=no], .language-switcher")) continue;
    if (!element.checkVisibility || element.checkVisibility()) pieces.push(text);
  }
  return pieces;
}"""
_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


def interface_msgids() -> set[str]:
    """Every msgid of the project's compiled Russian catalogues, whitespace-normalised."""
    found: set[str] = set()
    for mo_path in (ROOT / "corridor").rglob("locale/ru/LC_MESSAGES/django.mo"):
        with mo_path.open("rb") as handle:
            catalogue: Any = gettext.GNUTranslations(handle)
        for key in catalogue._catalog:
            msgid = key if isinstance(key, str) else key[0]
            if msgid and "%" not in msgid and "{" not in msgid:
                found.add(re.sub(r"\s+", " ", msgid.split("\x04")[-1]).strip())
    return found


@dataclass
class Walk:
    base_url: str
    problems: list[str] = field(default_factory=list)
    # language -> [English interface pieces on its pages, those still in English]
    untranslated: dict[str, list[int]] = field(default_factory=dict)
    english_pieces: dict[str, list[str]] = field(default_factory=dict)
    pages_seen: int = 0

    def __post_init__(self) -> None:
        self.msgids = interface_msgids()
        self.axe = AXE.read_text(encoding="utf-8") if AXE.exists() else None

    def resolve(self, page: Page) -> dict[str, str]:
        """Ids of a public vacancy and agency, from the English lists."""
        found = {}
        for name, path in (("vacancy", "recruitment/vacancies/"), ("agency", "recruitment/agencies/")):
            page.goto(f"{self.base_url}/en/{path}")
            hrefs = page.eval_on_selector_all(f"main a[href*='/{path}']", "els => els.map(e => e.pathname)")
            ids = [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs if re.search(r"/[0-9a-f-]{36}/$", h)]
            if not ids:
                self.problems.append(f"/en/{path}: no public {name} listed, its page is not walked")
            found[name] = ids[0] if ids else ""
        return found

    def open_page(self, browser: Browser, viewport: dict[str, int], **options: Any) -> Page:
        # No service workers: the guides' offline worker would fetch pages in the background, beside
        # the walk's own requests (the offline guide has its own tests).
        context = browser.new_context(viewport=viewport, locale="en-GB", service_workers="block", **options)
        context.set_default_timeout(10_000)
        context.set_default_navigation_timeout(30_000)
        context.add_init_script(_VIOLATIONS)
        if self.axe:
            context.add_init_script(self.axe)  # init scripts are not subject to the page's policy
        return context.new_page()

    def check(self, page: Page, url: str, label: str, *, axe: bool, settle: bool = False) -> list[str]:
        errors: list[str] = []
        failed: list[str] = []

        def on_console(message: Any) -> None:
            if message.type == "error":
                errors.append(message.text)

        def on_response(response: Any) -> None:
            if response.status >= 500:
                failed.append(f"{response.status} {response.url}")

        def on_error(error: Any) -> None:
            errors.append(str(error))

        page.on("console", on_console)
        page.on("pageerror", on_error)
        page.on("response", on_response)
        try:
            # The API docs fetch the schema after "load": wait for it, so that no request of this
            # page overlaps the next one (the test server shares one SQLite connection).
            response = page.goto(url, wait_until="networkidle" if settle else "load")
            status = response.status if response else 0
            found = [f"status {status}"] if status != 200 else []
            found += [f"server error: {f}" for f in failed]
            found += [f"console: {e}" for e in errors]
            found += [f"CSP: {v}" for v in page.evaluate("window.__cspViolations || []")]
            overflow = page.evaluate(OVERFLOW)
            if overflow > 0:
                found.append(f"sideways scrolling: the page is {overflow}px wider than the window")
            if axe and self.axe:
                found += [f"axe: {v}" for v in page.evaluate(SERIOUS)]
        finally:
            page.remove_listener("console", on_console)
            page.remove_listener("response", on_response)
            page.remove_listener("pageerror", on_error)
        self.pages_seen += 1
        return [f"{label}: {problem}" for problem in found]

    def measure(self, page: Page, language: str, path: str) -> None:
        pieces = [p for p in page.evaluate(VISIBLE_TEXT) if p in self.msgids]
        if language == "en":
            self.english_pieces[path] = pieces
            return
        english = self.english_pieces.get(path, [])
        still = [p for p in pieces if p in set(english)]
        counts = self.untranslated.setdefault(language, [0, 0])
        counts[0] += len(english)
        counts[1] += min(len(still), len(english))

    def walk(self, browser: Browser, languages: Iterable[str] = LANGUAGES) -> None:
        phone = self.open_page(browser, PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
        desktop = self.open_page(browser, DESKTOP)
        ids = self.resolve(desktop)
        paths = [p.format(**ids) for p in PAGES if all(ids.get(k) for k in re.findall(r"\{(\w+)\}", p))]
        for language in languages:
            for path in paths:
                url = f"{self.base_url}/{language}/{path}"
                label = f"/{language}/{path}"
                self.problems += self.check(phone, url, f"{label} (phone)", axe=True)
                self.measure(phone, language, path)
                self.problems += self.check(desktop, url, f"{label} (desktop)", axe=language in ("en", "fa"))
        for path in UNPREFIXED:
            self.problems += self.check(
                phone, self.base_url + path, f"{path} (phone)", axe=False, settle=True
            )
            self.problems += self.check(
                desktop, self.base_url + path, f"{path} (desktop)", axe=False, settle=True
            )
        phone.context.close()
        desktop.context.close()

    def shares(self) -> dict[str, float]:
        """Per language: the share of the English interface pieces that show translated."""
        return {
            language: round(1 - still / total, 3) if total else 1.0
            for language, (total, still) in self.untranslated.items()
        }


if __name__ == "__main__":
    from playwright.sync_api import sync_playwright

    base = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000"
    chosen = sys.argv[2].split(",") if len(sys.argv) > 2 else LANGUAGES
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
        )
        walk = Walk(base)
        walk.walk(chromium, ["en", *[c for c in chosen if c != "en"]])
        chromium.close()
    print("\n".join(walk.problems))
    print(json.dumps({"pages": walk.pages_seen, "shares": walk.shares()}, indent=1))
