"""The plugin as MkDocs loads it: entry point, options, watched folders."""

from importlib.metadata import entry_points
from pathlib import Path

from mkdocs.config import load_config

from tests.helpers import ROOT


def test_briefing_is_an_mkdocs_plugin_entry_point():
    names = {ep.name: ep.value for ep in entry_points(group="mkdocs.plugins")}
    assert names["briefing"] == "generator.plugin:BriefingPlugin"


def test_mkdocs_serve_watches_the_inputs():
    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = config.plugins["briefing"]
    plugin.on_config(config)

    class Server:
        watched: list[str] = []

        def watch(self, path):
            self.watched.append(path)

    server = Server()
    plugin.on_serve(server, config, None)
    watched = {Path(p) for p in server.watched}
    assert ROOT / "content" / "articles" in watched
    assert ROOT / "content" / "topics.yml" in watched
    assert ROOT / "content" / "overrides.yml" in watched
    assert ROOT / "site_templates" in watched
