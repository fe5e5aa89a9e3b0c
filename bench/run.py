"""`make bench`: run every bench/bench_*.py in turn and print what each measured.

Benchmarks are not tests: they print figures (decisions per second, server time, query
counts) for a human to compare with the previous run; nothing here asserts a duration.
"""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = []
    # BENCH_SKIP=bench_statistics,bench_rules: the scripts left out of this run.
    skip = {name.strip() for name in os.environ.get("BENCH_SKIP", "").split(",") if name.strip()}
    for script in sorted(HERE.glob("bench_*.py")):
        if script.stem in skip:
            print(f"== {script.name}: skipped (BENCH_SKIP)", flush=True)
            continue
        print(f"== {script.name}", flush=True)
        result = subprocess.run([sys.executable, str(script), *sys.argv[1:]], check=False)  # noqa: S603
        if result.returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
