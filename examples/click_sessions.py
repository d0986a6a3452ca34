"""Session analysis of a synthetic click log: parse lines (header skipped with next()),
group events per user (defaultdict), split sessions at gaps (pairwise), count action
co-occurrence inside sessions (combinations, Counter) and sliding-window activity (deque)."""
import random
from collections import Counter, defaultdict, deque
from itertools import combinations, pairwise

ACTIONS = ["view", "click", "cart", "buy", "search", "scroll", "back", "share"]


def make_log(n: int, seed: int = 11):
    rng = random.Random(seed)
    lines = ["user,action,ts"]
    t = [0] * 400
    for _ in range(n):
        u = rng.randrange(400)
        t[u] += rng.choice([1, 2, 3, 5, 8, 40, 200])
        lines.append(f"u{u},{rng.choice(ACTIONS)},{t[u]}")
    return lines


def parse(lines: list[str]) -> dict:
    it = iter(lines)
    header = next(it)
    width = len(header.split(","))
    by_user = defaultdict(list)
    for line in it:
        fields = line.split(",")
        if len(fields) != width:
            continue
        by_user[fields[0]].append((int(fields[2]), fields[1]))
    return by_user


def session_bounds(times: list[int], gap: int) -> list[int]:
    """Indexes where a new session starts."""
    starts = [0]
    for i, (a, b) in enumerate(pairwise(times)):
        if b - a > gap:
            starts.append(i + 1)
    return starts


def pair_counts(actions: list[str], starts: list[int]) -> list[tuple[str, str]]:
    pairs = []
    bounds = starts + [len(actions)]
    for s, e in pairwise(bounds):
        session = sorted(set(actions[s:e]))
        for a, b in combinations(session, 2):
            pairs.append((a, b))
    return pairs


def busiest_window(times: list[int], width: int) -> int:
    best = 0
    lo = 0
    for hi in range(len(times)):
        while times[hi] - times[lo] > width:
            lo += 1
        if hi - lo + 1 > best:
            best = hi - lo + 1
    return best


def deltas_summary(times: list[int]) -> tuple[int, int]:
    gaps = list(map(lambda ab: ab[1] - ab[0], pairwise(times)))
    long_gaps = sum(1 for g in filter(lambda g: g > 30, gaps))
    return long_gaps, (max(gaps) if gaps else 0)


def main():
    lines = make_log(200_000)
    by_user = parse(lines)
    co = Counter()
    windows = []
    long_total = 0
    for user in sorted(by_user):
        events = sorted(by_user[user])
        times = [t for t, _ in events]
        actions = [a for _, a in events]
        starts = session_bounds(times, 30)
        co.update(pair_counts(actions, starts))
        windows.append(busiest_window(times, 60))
        long_total += deltas_summary(times)[0]
    recent = deque(maxlen=5)
    for w in windows:
        recent.append(w)
    print("users:", len(by_user))
    print("top pairs:", co.most_common(4))
    print("busiest:", max(windows), "recent:", list(recent), "long gaps:", long_total)


if __name__ == "__main__":
    main()
