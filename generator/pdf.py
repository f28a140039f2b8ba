"""`python -m generator pdf`: the briefing (overview, then every topic) as one PDF, printed by
Chromium from a built site and merged with pypdf. Needs the `pdf` extra and a Chromium binary.

Chromium prints each link with the address it was served from (a local server gone once printing
ends): every such link is rewritten to the published site's URL when one is given, else to a path
relative to the site's folder (a PDF kept in that folder opens its citations offline). The PDF's
title is the site's."""

from __future__ import annotations

import functools
import html
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


def print_briefing(site: Path, out: Path, chromium: str = CHROMIUM, browser: object | None = None,
                   site_url: str | None = None) -> int:
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
    _relink(writer, base, site_url)
    writer.add_metadata({"/Title": site_title(site)})
    with out.open("wb") as handle:
        writer.write(handle)
    return len(writer.pages)


def site_title(site: Path) -> str:
    """The site's name, as its overview page's title ends ("Briefing - North Korea and Russia …")."""
    found = re.search(r"<title>(.*?)</title>", (site / "index.html").read_text(encoding="utf-8"), re.S)
    title = html.unescape(found.group(1)).strip() if found else "Briefing"
    return title.split(" - ", 1)[-1] if " - " in title else title


def _relink(writer: object, base: str, site_url: str | None) -> None:
    """Links to the printing server become links to `site_url`, or relative to the site's folder."""
    from pypdf.generic import NameObject, TextStringObject

    for page in writer.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if uri.startswith(base):
                rest = uri[len(base):]
                target = f"{site_url.rstrip('/')}/{rest}" if site_url else (rest or "index.html")
                action[NameObject("/URI")] = TextStringObject(target)


def _print_pages(browser: object, base: str, paths: list[str], writer: object) -> None:
    page = browser.new_page()
    for path in paths:
        page.goto(base + path, wait_until="networkidle")
        page.emulate_media(media="print")
        margin = {"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"}
        writer.append(io.BytesIO(page.pdf(format="A4", print_background=False, margin=margin)))
    page.close()
