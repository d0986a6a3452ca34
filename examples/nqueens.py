"""N-queens by backtracking, written with generators and sets: `solutions` yields each
board as it finds it, placing one queen per row and keeping the attacked columns and
diagonals in sets; `survey` counts what a generator yields and keeps the first few.

    python examples/nqueens.py [N]

Prints the number of solutions for each board size up to N (11 unless told), the
first solutions found, and the first one for N drawn as a board.
"""

import sys


def solutions(n):
    """Every placement of n queens, as the column of each row's queen."""
    cols = set()
    rising = set()  # row + col of each queen
    falling = set()  # row - col of each queen
    placed = []
    col = 0
    while True:
        row = len(placed)
        if row == n:
            yield placed[:]
        if row == n or col == n:  # a full board, or no column left in this row: back up
            if not placed:
                return
            col = placed.pop()
            row -= 1
            cols.remove(col)
            rising.remove(row + col)
            falling.remove(row - col)
            col += 1
        elif col in cols or row + col in rising or row - col in falling:
            col += 1
        else:
            placed.append(col)
            cols.add(col)
            rising.add(row + col)
            falling.add(row - col)
            col = 0


def survey(boards, keep):
    """How many boards a generator yields, and the first `keep` of them."""
    count = 0
    first = []
    for board in boards:
        count += 1
        if len(first) < keep:
            first.append(tuple(board))
    return count, first


def drawing(solution):
    return "\n".join("".join("Q" if c == col else "." for c in range(len(solution))) for col in solution)


def main(largest):
    for n in range(1, largest + 1):
        count, first = survey(solutions(n), 3)
        print(f"{n:2d} queens: {count:6d} solutions; first {first}")
    _, first = survey(solutions(largest), 1)
    if first:
        print(drawing(first[0]))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 11)
