"""What a person would see go wrong on a page: console errors, uncaught errors, policy violations.

``Watch(page)`` listens from the first byte: console messages of type ``error``, uncaught page
errors, and Content-Security-Policy violations (a ``securitypolicyviolation`` listener installed
before any page script runs). ``problems()`` lists what happened since the last ``reset()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Error, Page

_LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`
  );
});
"""


class Watch:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []
        self.errors: list[str] = []
        page.add_init_script(_LISTEN_FOR_VIOLATIONS)
        page.on("console", self._on_console)
        page.on("pageerror", self._on_error)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console.append(f"console error: {message.text} ({message.location.get('url', '')})")

    def _on_error(self, error: Error) -> None:
        self.errors.append(f"uncaught: {error}")

    def violations(self) -> list[str]:
        found = self.page.evaluate("window.__cspViolations || []")
        return [f"CSP violation: {v}" for v in found]

    def problems(self) -> list[str]:
        return self.console + self.errors + self.violations()

    def reset(self) -> None:
        self.console.clear()
        self.errors.clear()
