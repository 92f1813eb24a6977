"""Benchmark: what bulletin PDFs add to a build of the demo site.

Builds the demo (every post, its 24 issues) in fresh processes, in the same run:
PDFs off (the baseline), PDFs on with an empty cache (every PDF drawn), and PDFs
on again with that cache (nothing changed: PDFs copied). The figure that matters
is the cached build against the baseline: it should cost under one second more.

    python bench/bench_bulletins.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent


def config_with(pdf: bool, cache: Path, target: Path) -> Path:
    """A copy of the demo's mkdocs.yml beside it (paths stay relative to the demo)."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "bantin" in plugin:
            plugin["bantin"]["bulletins"] = {
                **plugin["bantin"].get("bulletins", {}),
                "pdf": pdf,
                "pdf_cache": str(cache),
            }
    config["site_dir"] = str(target)
    path = REPO / f".bench-bulletins-{os.getpid()}-{'pdf' if pdf else 'nopdf'}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build(config: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795219200"}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(done.stdout + done.stderr)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        off = config_with(False, cache, Path(tmp) / "off")
        on = config_with(True, cache, Path(tmp) / "on")
        try:
            cold = build(on)
            baseline, cached = [], []
            for _ in range(args.rounds):  # alternate, so load on the machine hits both alike
                baseline.append(build(off))
                cached.append(build(on))
        finally:
            off.unlink()
            on.unlink()
    base, warm = statistics.median(baseline), statistics.median(cached)
    print(f"PDFs off (baseline):        {base:6.2f} s (median of {args.rounds})")
    print(f"PDFs on, cold cache:        {cold:6.2f} s (24 PDFs drawn)")
    print(f"PDFs on, unchanged (cache): {warm:6.2f} s (median of {args.rounds})")
    print(f"unchanged bulletins cost:   {warm - base:+6.2f} s, ratio {warm / base:.2f}x")


if __name__ == "__main__":
    main()
