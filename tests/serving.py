"""Runs the builds of one `mkdocs serve` session, without the server, in a process of its own.

    python tests/serving.py PROJECT SNAPSHOTS STEPS_JSON

Like `mkdocs serve`: one config load with `on_startup(command="serve")`, a first build, then one
rebuild per step with a freshly loaded config (the plugin instance is kept, as serve keeps it). A
step is {"add": path} (a file copied into content/articles), {"remove": name} (one deleted from
it) or {"replace": [file, old, new]} (text replaced in a project file). After each build the site
is copied to SNAPSHOTS/<build number>. A process of its own, because MkDocs keeps plugin instances
that have `on_startup` for the rest of the process."""

from __future__ import annotations

import json
import logging
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"


def main(project: Path, snapshots: Path, steps: list[dict]) -> None:
    site = Path(tempfile.mkdtemp(prefix="mkdocs_"))

    def get_config():
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
        config.site_url = SERVE_URL
        return config

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    for number, step in enumerate([{}, *steps]):
        if "add" in step:
            shutil.copy(step["add"], project / "content/articles")
        if "remove" in step:
            (project / "content/articles" / step["remove"]).unlink()
        if "replace" in step:
            name, old, new = step["replace"]
            text = (project / name).read_text(encoding="utf-8")
            assert old in text, f"{old!r} is not in {name}"
            (project / name).write_text(text.replace(old, new), encoding="utf-8")
        build(config if number == 0 else get_config(), serve_url=SERVE_URL)
        shutil.copytree(site, snapshots / str(number))
    config.plugins.on_shutdown()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    main(Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3]))
