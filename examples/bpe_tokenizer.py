"""Byte-pair encoding: learn merges from a corpus, then encode text with them.

Token ids 0..255 are raw bytes; the i-th learned merge produces id 256 + i.
"""

import random


def count_pairs(ids: list[int]) -> dict[tuple[int, int], int]:
    counts = {}
    for i in range(len(ids) - 1):
        pair = (ids[i], ids[i + 1])
        counts[pair] = counts.get(pair, 0) + 1
    return counts


def merge_pair(ids, pair, new_id):
    out = []
    i = 0
    while i < len(ids):
        if i + 1 < len(ids) and ids[i] == pair[0] and ids[i + 1] == pair[1]:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out


def build_vocab(corpus, num_merges):
    ids = list(corpus.encode("utf-8"))
    merges = []
    for step in range(num_merges):
        counts = count_pairs(ids)
        best = None
        best_count = 1
        for pair, count in counts.items():
            if count > best_count:
                best = pair
                best_count = count
        if best is None:
            break
        merges.append(best)
        ids = merge_pair(ids, best, 256 + step)
    return merges


def bpe_encode(text: str, merges: list[tuple[int, int]]) -> list[int]:
    ids = list(text.encode("utf-8"))
    for rank, (first, second) in enumerate(merges):
        new_id = 256 + rank
        out = []
        i = 0
        while i < len(ids):
            if i + 1 < len(ids) and ids[i] == first and ids[i + 1] == second:
                out.append(new_id)
                i += 2
            else:
                out.append(ids[i])
                i += 1
        ids = out
    return ids


WORDS = (
    "the quick brown fox jumps over lazy dog tensor gradient batch layer "
    "model token merge vocabulary encode decode learning rate weight bias "
    "attention head embedding sequence training loss optimizer"
).split()


def random_text(rng, length):
    parts = []
    size = 0
    while size < length:
        word = rng.choice(WORDS)
        parts.append(word)
        size += len(word) + 1
    return " ".join(parts)[:length]


def main():
    rng = random.Random(0)
    corpus = random_text(rng, 3000)
    merges = build_vocab(corpus, 40)
    lines = [random_text(rng, 100) for _ in range(200)]
    total_tokens = 0
    checksum = 0
    for _ in range(50):
        for line in lines:
            ids = bpe_encode(line, merges)
            total_tokens += len(ids)
            checksum = (checksum * 31 + sum(ids)) % 1_000_000_007
    print(f"bpe_tokenizer: merges={len(merges)} tokens={total_tokens} checksum={checksum}")


if __name__ == "__main__":
    main()
