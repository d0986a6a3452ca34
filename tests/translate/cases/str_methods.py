"""The remaining common str methods: rsplit, partition, splitlines (CPython's line
boundaries), title/capitalize/swapcase, padding with fill characters, zfill,
removeprefix/removesuffix, isupper/islower, split/rsplit/splitlines keywords."""


def rsplit_all(s: str) -> list[str]:
    return s.rsplit()


def rsplit_sep(s: str, sep: str, n: int) -> list[str]:
    return s.rsplit(sep, n)


def rsplit_keywords(s: str) -> list[str]:
    return s.rsplit(maxsplit=1)


def split_keywords(s: str, sep: str) -> list[str]:
    return s.split(sep, maxsplit=2)


def key_value(line: str) -> tuple[str, str, str]:
    return line.partition("=")


def extension(path: str) -> tuple[str, str]:
    stem, dot, ext = path.rpartition(".")
    return stem, ext


def partition_by(s: str, sep: str) -> tuple[str, str, str]:
    return s.partition(sep)


def lines(text: str) -> list[str]:
    return text.splitlines()


def lines_kept(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def cases(s: str) -> tuple[str, str, str, bool, bool]:
    return s.title(), s.capitalize(), s.swapcase(), s.isupper(), s.islower()


def padded(s: str, width: int) -> str:
    return "[" + s.center(width) + "|" + s.ljust(width, "-") + "|" + s.rjust(width, "*") + "]"


def padded_with(s: str, width: int, fill: str) -> str:
    return s.center(width, fill)


def zero_filled(n: int, width: int) -> str:
    return str(n).zfill(width)


def zfill_text(s: str, width: int) -> str:
    return s.zfill(width)


def strip_affixes(name: str, prefix: str, suffix: str) -> str:
    return name.removeprefix(prefix).removesuffix(suffix)


def table_row(cells: list[str], width: int) -> str:
    return " | ".join(c.ljust(width) for c in cells)
