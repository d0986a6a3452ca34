"""A text report from service logs: regular expressions, a dataclass, dict aggregation,
f-strings with format specs.

    python examples/log_report.py [LINES]
"""

import random
import re
import sys
from dataclasses import dataclass

LINE = re.compile(r"(\d{4}-\d{2}-\d{2}) (\d{2}):\d{2}:\d{2} (DEBUG|INFO|WARNING|ERROR) \[(\w+)\] (\d+)ms (.*)")
SERVICES = ["auth", "billing", "search", "catalog", "checkout", "profile", "images", "mailer"]
LEVELS = ["DEBUG", "INFO", "INFO", "INFO", "WARNING", "ERROR"]
WORDS = ["request", "served", "cache", "miss", "retry", "timeout", "user", "token", "db", "query", "slow", "ok"]


@dataclass
class Entry:
    day: str
    hour: int
    level: str
    service: str
    millis: int
    message: str


def parse(lines):
    entries = []
    skipped = 0
    for line in lines:
        m = LINE.match(line)
        if m is None:
            skipped += 1
            continue
        day, hour, level, service, millis, message = m.groups()
        entries.append(Entry(day, int(hour), level, service, int(millis), message))
    return entries, skipped


def summarize(entries):
    stats = {}
    for e in entries:
        row = stats.get(e.service)
        if row is None:
            row = stats[e.service] = {"count": 0, "total": 0, "slowest": 0, "errors": 0, "words": {}}
        row["count"] += 1
        row["total"] += e.millis
        if e.millis > row["slowest"]:
            row["slowest"] = e.millis
        if e.level == "ERROR":
            row["errors"] += 1
        for word in e.message.split():
            row["words"][word] = row["words"].get(word, 0) + 1
    return stats


def render(stats):
    lines = [f"{'service':<10} {'requests':>9} {'mean ms':>9} {'slowest':>8} {'errors':>7}  top words"]
    for name in sorted(stats):
        row = stats[name]
        count = row["count"]
        top = sorted(row["words"].items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        words = ", ".join(f"{w}×{n}" for w, n in top)
        lines.append(f"{name:<10} {count:>9,} {row['total'] / count:>9.2f} {row['slowest']:>8d} "
                     f"{row['errors'] / count:>7.2%}  {words}")
    return "\n".join(lines)


def generate(n, seed=7):
    rng = random.Random(seed)
    out = []
    for i in range(n):
        if i % 97 == 0:
            out.append("-- log rotated --")
            continue
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6)))
        out.append(f"2024-03-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}:{(7 * i) % 60:02d} {rng.choice(LEVELS)} "
                   f"[{rng.choice(SERVICES)}] {rng.randint(1, 900)}ms {words}")
    return out


def main(n):
    lines = generate(n)
    entries, skipped = parse(lines)
    print(render(summarize(entries)))
    print(f"{len(entries):,} entries, {skipped} lines skipped")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 150_000)
