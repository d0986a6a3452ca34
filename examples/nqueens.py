"""N-queens by backtracking, written with generators and sets: a recursive generator
yields each solution (`yield from` the placements below it), another yields the free
columns of a row, and sets hold the occupied columns and diagonals.

    python examples/nqueens.py [N]

Prints the number of solutions for each board size up to N (11 unless told), the
first solutions found, and the first one for N drawn as a board.
"""

import sys


def free_columns(n, row, cols, rising, falling):
    """The columns of `row` no queen placed so far attacks."""
    for col in range(n):
        if col not in cols and row + col not in rising and row - col not in falling:
            yield col


def place(n, row, cols, rising, falling, placed):
    """Every way to finish a board whose first `row` rows hold the queens of `placed`."""
    if row == n:
        yield tuple(placed)
        return
    for col in free_columns(n, row, cols, rising, falling):
        cols.add(col)
        rising.add(row + col)
        falling.add(row - col)
        placed.append(col)
        yield from place(n, row + 1, cols, rising, falling, placed)
        placed.pop()
        falling.remove(row - col)
        rising.remove(row + col)
        cols.remove(col)


def solutions(n):
    return place(n, 0, set(), set(), set(), [])


def survey(n, keep):
    """The number of solutions of an n x n board and the first `keep` of them."""
    count = 0
    first = []
    for solution in solutions(n):
        count += 1
        if len(first) < keep:
            first.append(solution)
    return count, first


def board(solution):
    return "\n".join("".join("Q" if c == col else "." for c in range(len(solution))) for col in solution)


def main(largest):
    for n in range(1, largest + 1):
        count, first = survey(n, 3)
        print(f"{n:2d} queens: {count:6d} solutions; first {first}")
    _, first = survey(largest, 1)
    if first:
        print(board(first[0]))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 11)
