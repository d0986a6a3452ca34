"""Greedy longest-match tokenization against a fixed vocabulary."""

import random

UNK_ID = 0


def tokenize(text: str, vocab: dict[str, int]) -> list[int]:
    max_len = 1
    for token in vocab:
        if len(token) > max_len:
            max_len = len(token)
    ids = []
    i = 0
    while i < len(text):
        match_id = UNK_ID
        match_len = 1
        for length in range(min(max_len, len(text) - i), 0, -1):
            piece = text[i:i + length]
            if piece in vocab:
                match_id = vocab[piece]
                match_len = length
                break
        ids.append(match_id)
        i += match_len
    return ids


def build_vocabulary(words):
    vocab = {}
    next_id = UNK_ID + 1
    for word in words:
        for piece in (word, " " + word, word[:3], word[:2], word[0]):
            if piece not in vocab:
                vocab[piece] = next_id
                next_id += 1
    vocab[" "] = next_id
    return vocab


def main():
    rng = random.Random(0)
    words = (
        "neural network training inference token tokenizer embedding layer "
        "transformer attention gradient descent optimizer batch epoch loss "
        "accuracy precision recall dataset feature vector matrix"
    ).split()
    vocab = build_vocabulary(words)
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    texts = []
    for _ in range(50):
        parts = []
        for _ in range(120):
            if rng.random() < 0.85:
                parts.append(rng.choice(words))
            else:
                parts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(2, 7))))
        texts.append(" ".join(parts))
    count = 0
    checksum = 0
    for _ in range(130):
        for text in texts:
            ids = tokenize(text, vocab)
            count += len(ids)
            checksum = (checksum * 131 + sum(ids)) % 1_000_000_007
    print(f"tokenizer: tokens={count} checksum={checksum}")


if __name__ == "__main__":
    main()
