"""content/articles/ is the user's: a user who drops in articles and runs the test command gets a
green run. Proved on a copy of the repository with one more article there, running the tests that
look most at articles: the goldens, the seeds' floors, the built site, claims, dates, echoes and
the layout a reader sees."""

import shutil
import subprocess
import sys

from tests.helpers import ROOT

EXTRA = ROOT / "tests" / "data" / "dropin" / "tr_article.txt"
KEPT = ("generator", "tests", "content", "site_templates", "bench", "mkdocs.yml", "pyproject.toml")


def test_the_tests_pass_with_an_extra_article_in_content_articles(tmp_path):
    copy = tmp_path / "checkout"
    copy.mkdir()
    for name in KEPT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
        else:
            shutil.copy(source, copy / name)
    shutil.copy(EXTRA, copy / "content" / "articles" / "zz-user-article.txt")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-p", "no:xdist",
         "tests/test_render.py", "tests/test_eval.py", "tests/test_build.py", "tests/test_claim_stability.py",
         "tests/test_article_dates.py", "tests/test_echoes.py", "tests/browser/test_layout.py"],
        cwd=copy, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
