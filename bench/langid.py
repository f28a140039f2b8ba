"""Benchmark offline language identifiers on short news lines (prints figures; not a test).

Usage: python bench/langid.py [tests/data/langid/short_lines.yml]
Each detector runs in its own subprocess so load time and peak memory are its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CODES = ["en", "de", "da", "nl", "no", "sv", "fr", "es", "it", "pl", "uk", "ru", "ko"]

WORKER = r'''
import json, resource, sys, time, yaml
data = yaml.safe_load(open(sys.argv[2], encoding="utf-8"))
codes = json.loads(sys.argv[3])
name = sys.argv[1]
t0 = time.perf_counter()
if name.startswith("lingua"):
    from lingua import IsoCode639_1, LanguageDetectorBuilder
    isos = [getattr(IsoCode639_1, "NB" if c == "no" else c.upper()) for c in codes]
    b = LanguageDetectorBuilder.from_iso_codes_639_1(*isos)
    if name == "lingua-low":
        b = b.with_low_accuracy_mode()
    det = b.with_preloaded_language_models().build()
    def detect(s):
        lang = det.detect_language_of(s)
        code = lang.iso_code_639_1.name.lower() if lang else "?"
        return "no" if code == "nb" else code
elif name == "py3langid":
    from py3langid.langid import LanguageIdentifier, MODEL_FILE
    ident = LanguageIdentifier.from_model_file(MODEL_FILE)
    ident.set_languages(codes)
    detect = lambda s: ident.classify(s)[0]
elif name == "langdetect":
    from langdetect import DetectorFactory, detect_langs
    DetectorFactory.seed = 0
    def detect(s):
        for cand in detect_langs(s):
            if cand.lang in codes:
                return cand.lang
        return "?"
detect("warm up")
load = time.perf_counter() - t0
t1 = time.perf_counter()
per = {}
for lang, lines in data.items():
    ok = sum(detect(s) == lang for s in lines)
    per[lang] = ok / len(lines)
elapsed = time.perf_counter() - t1
n = sum(len(v) for v in data.values())
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"name": name, "load_s": round(load, 2), "per_line_ms": round(1000 * elapsed / n, 2),
                  "peak_rss_mb": round(rss), "accuracy": round(sum(per.values()) / len(per), 3), "per_lang": per}))
'''


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/data/langid/short_lines.yml")
    for name in ("lingua-high", "lingua-low", "py3langid", "langdetect"):
        proc = subprocess.run([sys.executable, "-c", WORKER, name, str(path), json.dumps(CODES)],
                              capture_output=True, text=True)
        if proc.returncode:
            print(f"{name}: failed: {proc.stderr.strip().splitlines()[-1]}")
            continue
        result = json.loads(proc.stdout)
        per = " ".join(f"{k}={v:.2f}" for k, v in result.pop("per_lang").items())
        print(json.dumps(result))
        print("   ", per)


if __name__ == "__main__":
    main()
