"""The hostile corpus: the committed bad files of tests/fixtures/hostile/ plus the cases made at
test time (too big to commit, or links and folders that git does not keep as such)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "hostile"
SECRET = "SECRET-OUTSIDE-CONTENT-7f3a"
TEN_MB = 10 * 1024 * 1024


def add_hostile_files(articles: Path, outside: Path) -> None:
    """Copy the committed bad files into `articles` and make the rest; `outside` is a folder
    outside the project holding a secret that must never be published."""
    for path in FIXTURES.iterdir():
        shutil.copy(path, articles / path.name)
    sentence = "Nordkoreanische Soldaten kämpfen in Kursk, sagte Rutte. "
    (articles / "ten-megabytes.txt").write_text(sentence * (TEN_MB // len(sentence) + 1), encoding="utf-8")
    (articles / "long-word.txt").write_text("Ein langes Wort\n" + "Soldaten" * 25_000 + "\n", encoding="utf-8")
    (articles / "a folder").mkdir()
    (articles / "a folder" / "inside.txt").write_text("Soldaten in Kursk.", encoding="utf-8")
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.txt").write_text(f"{SECRET}\nSoldaten in Kursk, sagte Rutte.\n", encoding="utf-8")
    os.symlink(outside / "secret.txt", articles / "leak.txt")
    os.symlink(articles / "only-title.txt", articles / "z-link-inside.txt")
