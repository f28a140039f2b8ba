"""Page budgets of the built site: HTML size and load time of each page type (prints figures).

Usage: mkdocs build && python bench/pages.py [site]   (needs Chromium at /usr/bin/chromium)
Load time is Chromium's navigation timing (loadEventEnd) from a local server, median of 5 loads."""

from __future__ import annotations

import functools
import http.server
import statistics
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from generator.pdf import CHROMIUM, CHROMIUM_ARGS, QuietHandler

PAGE_TYPES = {"overview": "index.html", "topic": "topics/diplomatic-reactions/index.html",
              "source": "sources/003-4af742517c27e9f8/index.html", "ledger": "sources/index.html"}


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        print(f"{'page type':<10} {'HTML bytes':>11} {'load ms (median of 5)':>22}")
        for kind, path in PAGE_TYPES.items():
            times = []
            for _ in range(5):
                page.goto(base + path)
                times.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
            print(f"{kind:<10} {(site / path).stat().st_size:>11,} {statistics.median(times):>22.0f}")
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
