"""Scale benchmark: prints figures for synthetic corpora of N articles (not a test).

Usage (from the project root, after `pip install -e '.[bench]'`):
    python bench/scale.py                       # N = 100, 1000, 10000
    python bench/scale.py --sizes 100 1000 --serve
    python bench/scale.py --sizes 1000 --serve --repeat 3   # 3 rounds of the compared builds
    python bench/scale.py --serve-only --repeat 3           # only the serve target, at N = 1000

For each N, in a fresh temporary copy of the project (mkdocs.yml, pages, topics, templates) holding
N articles from bench/synth.py, it runs and times:
- a cold `mkdocs build` (empty cache), then a warm one (same files), and a rebuild after adding
  one article: wall time, the plugin's own stage times (from its build log), peak memory of the
  whole process tree (workers included, sampled every 50 ms), output size, the largest page and
  the search index;
- the same article stages with one process and with the pool, to show what the second core buys;
- `python -m generator render --out DIR` and a plain `mkdocs build` of DIR with the plugin off:
  the same pages, so (build - plain) / plain is the plugin's share, measured in one run;
- the classifier is trained once per run, before the builds (its first training is timed: it
  embeds every example); a cold build then starts with the trained classifier but no sentence
  vector, so its stages line says how many sentences it embedded and in how long;
- with --serve (N = 1000 only): `mkdocs serve`, one article dropped in, seconds until its page is
  served (the rebuild's log line is printed too); then the plain build of the pages of those N + 1
  articles, the target's reference.
Each compared build's CPU time (the whole process tree) is recorded too, and with --instructions its
user-space instruction count (Linux perf): ratios of these count the work done, while wall-time
ratios also count whatever else a shared machine runs meanwhile.
With --repeat R, the builds that targets compare run in R rounds where the full figures are taken
(cold, warm, plain back to back; serve and its plain reference back to back): timings on a shared
machine drift within minutes, so each ratio is taken within a round, and the median is reported
with every round's value.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from synth import load_seeds, synthetic_article, write_corpus  # noqa: E402

STAGES = re.compile(r"briefing: stages: (.*)")
REUSED = re.compile(r"briefing: serve rebuild: HTML of (.*)")
BUILD_REUSED = re.compile(r"briefing: build: HTML of (\d+ of \d+)")


def reused_pages(log: str) -> str:
    found = BUILD_REUSED.search(log)
    return found.group(1) if found else "(no HTML reuse line)"


def project(n: int, folder: Path) -> Path:
    for name in ("mkdocs.yml", "content/topics.yml"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, folder / name)
    shutil.copytree(ROOT / "content/pages", folder / "content/pages")
    shutil.copytree(ROOT / "content/examples", folder / "content/examples")
    shutil.copytree(ROOT / "site_templates", folder / "site_templates")
    write_corpus(folder / "content/articles", n, ROOT / "content/articles")
    return folder


def models(folder: Path) -> Path:
    """The project's model folder (trained classifier, sentence vectors), set for every command run
    here through BRIEFING_MODEL_CACHE. A cold build removes its vectors but keeps the trained
    classifier: training happens once per set of examples, and the first build times it apart."""
    found = folder / "models"
    found.mkdir(exist_ok=True)
    os.environ["BRIEFING_MODEL_CACHE"] = str(found)
    return found


def cold(folder: Path) -> None:
    """Empty the article cache and the sentence vectors (the trained classifier stays)."""
    shutil.rmtree(folder / ".cache", ignore_errors=True)
    for store in (folder / "models").glob("vectors-*.sqlite"):
        store.unlink()


class PeakMemory:
    """Peak of the summed resident memory of a process and all its descendants."""

    def __init__(self, pid: int) -> None:
        self.process, self.peak, self._stop = psutil.Process(pid), 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                tree = [self.process, *self.process.children(recursive=True)]
                total = 0
                for proc in tree:
                    with contextlib.suppress(psutil.Error):  # a worker that just exited
                        total += proc.memory_info().rss
                self.peak = max(self.peak, total)
            except psutil.Error:
                return
            self._stop.wait(0.05)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def run(command: list[str], cwd: Path) -> tuple[float, int, str]:
    """(seconds, peak bytes of the process tree, stderr) of a command that must succeed."""
    seconds, _, _, peak, log = measured(command, cwd)
    return seconds, peak, log


def measured(command: list[str], cwd: Path, instructions: bool = False, env: dict[str, str] | None = None
             ) -> tuple[float, float, float | None, int, str]:
    """(wall seconds, CPU seconds of the command and the children it waited for (the pool workers),
    billions of user-space instructions or None,
    peak bytes, log) of a command that must succeed. CPU time and instructions count the work done;
    wall time also counts whatever else the machine runs meanwhile (on a shared machine, wall-time
    ratios of identical builds ranged from 0.89 to 1.38, instruction counts stayed within 0.5%)."""
    counts = cwd / ".bench-perf.txt"
    if instructions and shutil.which("perf") is None:
        raise SystemExit("--instructions needs Linux perf (`perf stat`) on PATH")
    if instructions:
        command = ["perf", "stat", "-x", ",", "-e", "instructions:u", "-o", str(counts), *command]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    memory = PeakMemory(proc.pid)
    out, err = proc.communicate()
    seconds, peak = time.perf_counter() - started, memory.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{err[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    billions = None
    if instructions:
        row = next((line for line in counts.read_text().splitlines() if "instructions" in line), "")
        billions = float(row.split(",")[0]) / 1e9 if row and row.split(",")[0].isdigit() else None
    return seconds, cpu, billions, peak, err + out


def stage_seconds(log: str) -> tuple[float, str]:
    """The plugin's own time (its stages and rendering) and the stages line from a build log."""
    line = STAGES.search(log)
    if not line:
        return 0.0, "(no stages line)"
    return sum(float(s) for s in re.findall(r"(\d+\.\d+) s", line.group(1))), line.group(1)


def site_figures(site: Path) -> dict[str, float]:
    pages = list(site.rglob("*.html"))
    index = site / "search" / "search_index.json"
    return {
        "site MB": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
        "html pages": len(pages),
        "largest page KB": max(p.stat().st_size for p in pages) / 1e3,
        "search index MB": index.stat().st_size / 1e6 if index.exists() else 0.0,
    }


def plain_config(folder: Path, docs: Path, name: str) -> Path:
    """mkdocs.yml without the briefing plugin, on the rendered pages, with the plugin's navigation."""
    text = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"\n  - briefing:\n(?:      .*\n)+", "\n", text)
    text = re.sub(r"^docs_dir: .*$", f"docs_dir: {docs}", text, flags=re.M)
    topics = sorted(p.parent.name for p in (docs / "topics").glob("*/index.md"))
    nav = ["nav:", "  - index.md", "  - Topics:", *[f"      - topics/{t}/index.md" for t in topics],
           "  - sources/index.md", "  - about.md", "  - method.md"]
    text = re.sub(r"^nav:\n(?:  - .*\n)+", "\n".join(nav) + "\n", text, flags=re.M)
    config = folder / name
    config.write_text(text, encoding="utf-8")
    return config


def article_stages(folder: Path, workers: int) -> float:
    code = ("import sys, time; from pathlib import Path; from generator.corpus import Settings, build_corpus\n"
            "if __name__ == '__main__':\n"
            "    t = time.perf_counter()\n"
            f"    build_corpus(Settings(articles=Path('content/articles'), workers={workers}))\n"
            "    print(time.perf_counter() - t)\n")
    script = folder / "stages_only.py"
    script.write_text(code, encoding="utf-8")
    _, _, out = run([sys.executable, str(script)], folder)
    return float(out.strip().splitlines()[-1])


def serve_latency(folder: Path, name: str) -> tuple[float, str, str]:
    """Seconds from dropping an article into a served site until its source page is served, and
    the plugin's stages and reused-HTML lines of that rebuild. The article is removed again afterwards."""
    port = 8765
    log_path = folder / f"serve-{name}.log"
    with log_path.open("w", encoding="utf-8") as log_file:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=folder,
                                stdout=log_file, stderr=subprocess.STDOUT)
        article = folder / f"content/articles/{name}.txt"
        try:
            base = f"http://127.0.0.1:{port}/"
            _wait_for(base, 600)
            time.sleep(5)  # let the models warm up, as they would while an analyst reads
            seeds = load_seeds(ROOT / "content/articles")
            article.write_text(synthetic_article(seeds, 10**6), encoding="utf-8")
            started = time.perf_counter()
            _wait_for(base + f"sources/{name}/", 600)
            seconds = time.perf_counter() - started
        finally:
            proc.terminate()
            proc.wait(30)
    text = log_path.read_text(encoding="utf-8")
    stages, reused = STAGES.findall(text), REUSED.findall(text)
    return seconds, stages[-1] if stages else "(no stages line)", reused[-1] if reused else "(no reuse line)"


def _wait_for(url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (localhost)
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"{url} not served after {timeout} s")


class Figures(dict):
    """Figures printed as they are measured (a long run still shows what it has)."""

    def __setitem__(self, key: str, value: object) -> None:
        super().__setitem__(key, value)
        shown = f"{value:,.2f}" if isinstance(value, float) else str(value)
        print(f"{key:<34} {shown}", flush=True)


def rounds(figures: dict[str, object], key: str, values: list[float]) -> float:
    """Records the median of repeated rounds and every round's value."""
    figures[key] = statistics.median(values)
    if len(values) > 1:
        figures[f"{key} (each round)"] = ", ".join(f"{v:.2f}" for v in values)
    return figures[key]


def serve_rounds(folder: Path, n: int, repeat: int, figures: dict[str, object]) -> None:
    """Each round: one article dropped into a served site, then the plain build of the same N + 1
    articles' pages (the target's reference), back to back."""
    mkdocs = [sys.executable, "-m", "mkdocs", "build"]
    latencies, references = [], []
    for attempt in range(repeat):
        name = f"zz-served-{attempt}"
        seconds, stages, reused = serve_latency(folder, name)
        latencies.append(seconds)
        figures[f"serve round {attempt + 1}: rebuild stages"] = stages
        figures[f"serve round {attempt + 1}: HTML reused"] = reused
        served = folder / f"rendered-{name}"
        run([sys.executable, "-m", "generator", "render", "--out", str(served)], folder)
        shutil.copytree(folder / "content/pages", served, dirs_exist_ok=True)
        served_config = plain_config(folder, served, "mkdocs-plain-served.yml")
        references.append(run([*mkdocs, "-f", str(served_config), "-d", "site-plain-served"], folder)[0])
        (folder / f"content/articles/{name}.txt").unlink()
    rounds(figures, "serve: new article shown after s", latencies)
    rounds(figures, f"plain build, {n + 1} articles s", references)
    rounds(figures, "serve: shown after - plain build s",
           [s - r for s, r in zip(latencies, references, strict=True)])


def serve_only(n: int, repeat: int) -> None:
    """Only the serve target: one build to fill the cache, then the serve rounds."""
    print(f"\n## N = {n}, serve only", flush=True)
    with tempfile.TemporaryDirectory(prefix=f"briefing-bench-{n}-") as tmp:
        folder = project(n, Path(tmp))
        models(folder)
        figures: dict[str, object] = Figures(articles=n)
        figures["cold build s"] = run([sys.executable, "-m", "mkdocs", "build"], folder)[0]
        serve_rounds(folder, n, repeat, figures)


def bench(n: int, serve: bool, full: bool, repeat: int, instructions: bool = False) -> dict[str, object]:
    """Figures for N articles; `full` adds the plain build, the one-article rebuild and the
    1-vs-2-process stage runs. Timings on this machine drift by a fifth within minutes, so builds
    that a target compares run back to back, in `repeat` rounds (cold, warm, plain), and each
    ratio is taken within a round; the median round is reported with all of them."""
    print(f"\n## N = {n}", flush=True)
    with tempfile.TemporaryDirectory(prefix=f"briefing-bench-{n}-") as tmp:
        folder = project(n, Path(tmp))
        mkdocs = [sys.executable, "-m", "mkdocs", "build"]
        figures: dict[str, object] = Figures(articles=n)
        if not any(models(folder).glob("topic-model-*.npz")):
            seconds, _, log = run(mkdocs, folder)  # embeds every example and trains the classifier first
            figures["first build, classifier trained in it s"] = seconds
            figures["first build stages"] = stage_seconds(log)[1]
        colds, warms, plains = [], [], []
        work: dict[str, list[tuple[float, float | None]]] = {"cold": [], "warm": [], "plain": []}  # CPU, instr.
        config: Path | None = None
        for round_number in range(repeat if full else 1):
            cold(folder)
            seconds, cpu, billions, cold_mem, cold_log = measured(mkdocs, folder, instructions)
            colds.append(seconds)
            work["cold"].append((cpu, billions))
            if round_number == 0:
                figures["cold build s"], figures["cold peak MB"] = seconds, cold_mem / 1e6
                figures["cold plugin s"], figures["cold stages"] = stage_seconds(cold_log)
                for key, value in site_figures(folder / "site").items():
                    figures[key] = value
            seconds, cpu, billions, warm_mem, warm_log = measured(mkdocs, folder, instructions)
            warms.append(seconds)
            work["warm"].append((cpu, billions))
            if round_number == 0:
                figures["warm build s"], figures["warm peak MB"] = seconds, warm_mem / 1e6
                figures["warm plugin s"], figures["warm stages"] = stage_seconds(warm_log)
                figures["warm: generated pages whose HTML was reused"] = reused_pages(warm_log)
            if not full:
                return figures
            if config is None:
                docs = folder / "rendered"
                render, _, _ = run([sys.executable, "-m", "generator", "render", "--out", str(docs)], folder)
                figures["render command s (warm cache)"] = render
                shutil.copytree(folder / "content/pages", docs, dirs_exist_ok=True)
                config = plain_config(folder, docs, "mkdocs-plain.yml")
            seconds, cpu, billions, plain_mem, _ = measured([*mkdocs, "-f", str(config), "-d", "site-plain"], folder,
                                                             instructions)
            plains.append(seconds)
            work["plain"].append((cpu, billions))
            if round_number == 0:
                figures["plain build s"], figures["plain peak MB"] = seconds, plain_mem / 1e6
        rounds(figures, "cold build s, median", colds)
        rounds(figures, "warm build s, median", warms)
        rounds(figures, "plain build s, median", plains)
        rounds(figures, "warm build / plain", [w / p for w, p in zip(warms, plains, strict=True)])
        rounds(figures, "cold build / plain", [c / p for c, p in zip(colds, plains, strict=True)])
        for build in ("cold", "warm", "plain"):
            rounds(figures, f"{build} build CPU s, median", [cpu for cpu, _ in work[build]])
        for build in ("cold", "warm"):
            rounds(figures, f"{build} build / plain, CPU time",
                   [b[0] / p[0] for b, p in zip(work[build], work["plain"], strict=True)])
            if instructions and all(b[1] and p[1] for b, p in zip(work[build], work["plain"], strict=True)):
                rounds(figures, f"{build} build / plain, instructions",
                       [b[1] / p[1] for b, p in zip(work[build], work["plain"], strict=True)])
        seeds = load_seeds(ROOT / "content/articles")
        (folder / "content/articles/zz-added.txt").write_text(synthetic_article(seeds, n + 1), encoding="utf-8")
        added, _, log = run(mkdocs, folder)
        figures["one added: build s"] = added
        figures["one added: stages"] = stage_seconds(log)[1]
        figures["one added: generated pages whose HTML was reused"] = reused_pages(log)
        figures["one added - plain build s"] = added - plains[0]
        figures["one added / plain build"] = added / plains[0]
        (folder / "content/articles/zz-added.txt").unlink()
        run(mkdocs, folder)  # back to N articles, warm
        figures["article stages, 1 process s"] = article_stages(folder, 1)
        figures["article stages, 2 processes s"] = article_stages(folder, 2)
        if serve:
            serve_rounds(folder, n, repeat, figures)
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(description="Scale benchmark of the briefing generator (prints figures)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--serve", action="store_true", help="also measure mkdocs serve at N = 1000")
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of the builds a target compares (cold, warm, plain; serve and its plain "
                        "reference) at the sizes with full figures; ratios are taken within a round and the "
                        "median is reported (timings here drift by a fifth within minutes)")
    parser.add_argument("--instructions", action="store_true",
                        help="also count user-space instructions of each compared build with `perf stat` (Linux perf "
                        "must be installed and allowed: kernel.perf_event_paranoid <= 2)")
    parser.add_argument("--serve-only", action="store_true",
                        help="only the serve target at N = 1000 (one build to fill the cache, then the serve rounds)")
    parser.add_argument("--full-up-to", type=int, default=1000,
                        help="largest N that also gets the one-article rebuild, the plain build and the "
                        "1-vs-2-process runs (at 10,000 they add about 40 minutes on 2 cores)")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {psutil.cpu_count()} cores, "
          f"{psutil.virtual_memory().total / 2**30:.0f} GiB", flush=True)
    if args.serve_only:
        serve_only(1000, max(1, args.repeat))
        return
    results = []
    for n in args.sizes:
        results.append(bench(n, args.serve and n == 1000, n <= args.full_up_to, max(1, args.repeat),
                             args.instructions))
    by_n = {r["articles"]: r for r in results}
    if 1000 in by_n and 10000 in by_n:
        print("\n## growth 1,000 -> 10,000")
        for key in ("cold plugin s", "warm plugin s", "cold build s", "warm build s"):
            print(f"{key:<34} {by_n[10000][key] / by_n[1000][key]:.1f}x")


if __name__ == "__main__":
    main()
