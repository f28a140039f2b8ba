"""Issue 20's benchmark: this tree against a baseline commit, on the same corpus, in one run.

Usage (from the project root, after `pip install -e '.[bench]'`):
    python bench/versus.py --sizes 1000 10000            # baseline c1acb18
    python bench/versus.py --sizes 100 --baseline HEAD~3 --work /tmp/versus

For each N it writes N articles (bench/realistic.py: 40 languages, every article's text its own)
into two project folders: one with this tree's configuration, templates and examples, one with the
baseline's (`git archive` of the commit, put first on PYTHONPATH so that its `generator` package is the
one MkDocs loads). Then, side by side (baseline, then new, for each step), it times:
- a first cold `mkdocs build` of the new tree (the article cache and the built site removed): it starts
  with its classifier trained (once per run, untimed) and the examples' shipped sentence vectors in
  its store, and embeds what is left (sentences the corpus's paragraphs cut differently): that
  embedding is reported apart, as the issue asks;
- a cold build of each (for the new tree, again, its sentence vectors kept: the same stages without the
  sentence model's embedding), the figure the cold target compares (the baseline embeds nothing);
- a warm build (nothing changed),
- a build after one article is added,
recording wall time, CPU time of the whole process tree (workers included) and peak memory, and
prints new / baseline for each, against the issue's targets (CPU time)."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from realistic import write_corpus  # noqa: E402
from scale import measured  # noqa: E402

BASELINE = "c1acb18"
PROJECT_FILES = ("mkdocs.yml", "content/topics.yml", "content/entities.yml", "content/sources.yml",
                 "content/overrides.yml")
PROJECT_FOLDERS = ("content/pages", "content/examples", "site_templates")
EMBEDDED = re.compile(r"(\d+) sentences embedded in (\d+\.\d+) s")
TARGETS = {"first cold": None, "cold": 0.8, "warm": 0.5, "one added": 0.3}


def baseline_source(commit: str, work: Path) -> Path:
    """The baseline's files (once per work folder), checked to be what Python imports there."""
    source = work / f"baseline-{commit}"
    if not (source / "generator").is_dir():
        source.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    found = subprocess.run([sys.executable, "-c", "import generator.plugin; print(generator.plugin.__file__)"],
                           env=_env(source), cwd=work, capture_output=True, text=True, check=True).stdout.strip()
    if not found.startswith(str(source)):
        raise SystemExit(f"the baseline's package is not the one imported ({found}): is `generator` installed "
                         "in a way that comes before PYTHONPATH?")
    return source


def _env(source: Path | None, models: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "BRIEFING_MODEL_CACHE")}
    if source is not None:
        env["PYTHONPATH"] = str(source)
    if models is not None:
        env["BRIEFING_MODEL_CACHE"] = str(models)
    return env


def project(source: Path, folder: Path, articles: Path) -> Path:
    """A project folder with `source`'s configuration and content and a copy of `articles`."""
    shutil.rmtree(folder, ignore_errors=True)
    for name in PROJECT_FILES:
        if (source / name).is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source / name, folder / name)
    for name in PROJECT_FOLDERS:
        if (source / name).is_dir():
            shutil.copytree(source / name, folder / name)
    shutil.copytree(articles, folder / "content" / "articles")
    return folder


def seed_vectors(models: Path) -> int:
    """Put the examples' shipped vectors in the model folder's store; returns how many."""
    from generator.vectors import VectorStore, store_path

    with np.load(ROOT / "content" / "examples" / "vectors.npz") as data:
        model, keys, vectors = str(data["model"]), data["keys"], data["vectors"]
    store = VectorStore(store_path(models, model), model, vectors.shape[1])
    store.put_keyed([k.tobytes() for k in keys], vectors.astype(np.float32))
    store.close()
    return len(keys)


def build(folder: Path, env: dict[str, str]) -> dict[str, float | str]:
    wall, cpu, _, peak, log = measured([sys.executable, "-m", "mkdocs", "build"], folder, env=env)
    embedded = EMBEDDED.search(log)
    return {"wall": wall, "cpu": cpu, "peak": peak / 2**20,
            "embedded": int(embedded.group(1)) if embedded else 0,
            "embedding s": float(embedded.group(2)) if embedded else 0.0}


def cold(folder: Path, models: Path | None) -> None:
    shutil.rmtree(folder / ".cache", ignore_errors=True)
    shutil.rmtree(folder / "site", ignore_errors=True)
    if models is not None:
        for store in models.glob("vectors-*.sqlite*"):
            store.unlink()
        seed_vectors(models)


def run_size(n: int, work: Path, base_source: Path, models: Path) -> dict[str, dict[str, dict]]:
    articles = work / f"articles-{n}"
    shutil.rmtree(articles, ignore_errors=True)
    write_corpus(articles, n)
    added = write_corpus(work / "added", 1, first=n)[0]
    sides = {"baseline": (project(base_source, work / f"baseline-{n}", articles), _env(base_source), None),
             "new": (project(ROOT, work / f"new-{n}", articles), _env(None, models), models)}
    figures: dict[str, dict[str, dict]] = {step: {} for step in TARGETS}
    for step in figures:
        for side, (folder, env, side_models) in sides.items():
            if step == "first cold" and side_models is None:
                continue  # the baseline embeds nothing: its cold build is the next step's
            if step == "first cold":
                cold(folder, side_models)
            if step == "cold":
                cold(folder, None)  # the new tree's sentence vectors stay
            if step == "one added":
                shutil.copy(added, folder / "content" / "articles" / added.name)
            figures[step][side] = build(folder, env)
            print(f"N={n} {step} {side}: {figures[step][side]}", flush=True)
    return figures


def train(work: Path, models: Path, base_source: Path) -> None:
    """Train the new tree's models (and check both trees build) on a small corpus, untimed."""
    articles = work / "articles-train"
    shutil.rmtree(articles, ignore_errors=True)
    write_corpus(articles, 5, seed=1)
    build(project(ROOT, work / "train-new", articles), _env(None, models))
    build(project(base_source, work / "train-baseline", articles), _env(base_source))


def report(n: int, figures: dict[str, dict[str, dict]]) -> None:
    print(f"\nN = {n:,}: CPU s (wall s), peak MB; new / baseline in CPU time")
    print("| build | baseline | new | new / baseline | target |")
    print("| --- | --- | --- | --- | --- |")
    for step, sides in figures.items():
        new = sides["new"]
        base = sides.get("baseline") or figures["cold"]["baseline"]  # the first cold: against the cold
        ratio = new["cpu"] / base["cpu"]
        cell = f"{ratio:.2f}"
        if new["embedded"]:
            cell += f" ({new['embedded']} sentences embedded in {new['embedding s']:.1f} s, summed over processes)"
        target = f"≤ {TARGETS[step]}" if TARGETS[step] is not None else "(embedding reported apart)"
        print(f"| {step} | {base['cpu']:.1f} ({base['wall']:.1f}), {base['peak']:.0f} MB "
              f"| {new['cpu']:.1f} ({new['wall']:.1f}), {new['peak']:.0f} MB | {cell} | {target} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--work", type=Path, default=None, help="working folder (default: a temporary one)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="versus-"))
    work.mkdir(parents=True, exist_ok=True)
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, check=True).stdout.strip()
    print(f"new: {commit} (working tree{' with changes' if _dirty() else ''}); baseline: {args.baseline}; "
          f"work folder {work}", flush=True)
    base_source = baseline_source(args.baseline, work)
    models = work / "models"
    models.mkdir(exist_ok=True)
    train(work, models, base_source)
    results = {n: run_size(n, work, base_source, models) for n in args.sizes}
    for n, figures in results.items():
        report(n, figures)


def _dirty() -> bool:
    return bool(subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip())


if __name__ == "__main__":
    main()
