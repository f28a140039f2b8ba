"""`python -m generator pdf`: the briefing (overview, then every topic) as one PDF, printed by
Chromium from a built site and merged with pypdf. Needs the `pdf` extra and a Chromium binary."""

from __future__ import annotations

import functools
import http.server
import io
import re
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# Chromium as these machines run it: no sandbox as root, no background traffic to Google's hosts.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site from a folder without logging every request."""

    def log_message(self, *args: object) -> None:
        pass


def briefing_pages(site: Path) -> list[str]:
    """Site-relative paths of the pages that make up the printed briefing: the overview, then the
    topics in the order the overview lists them."""
    overview = (site / "index.html").read_text(encoding="utf-8")
    slugs = dict.fromkeys(re.findall(r'href="(?:\./)?topics/([a-z0-9-]+)/', overview))
    return ["index.html", *(f"topics/{slug}/index.html" for slug in slugs)]


def print_briefing(site: Path, out: Path, chromium: str = CHROMIUM, browser: object | None = None) -> int:
    """Write the PDF and return its page count; uses `browser` (a Playwright browser) if given."""
    from pypdf import PdfWriter

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    writer = PdfWriter()
    try:
        if browser is not None:
            _print_pages(browser, base, briefing_pages(site), writer)
        else:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                own = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                _print_pages(own, base, briefing_pages(site), writer)
                own.close()
    finally:
        server.shutdown()
    with out.open("wb") as handle:
        writer.write(handle)
    return len(writer.pages)


def _print_pages(browser: object, base: str, paths: list[str], writer: object) -> None:
    page = browser.new_page()
    for path in paths:
        page.goto(base + path, wait_until="networkidle")
        page.emulate_media(media="print")
        margin = {"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"}
        writer.append(io.BytesIO(page.pdf(format="A4", print_background=False, margin=margin)))
    page.close()
