"""A small n-body-ish simulation whose time goes into methods: a plain method that moves
a body (attribute reads and writes), one that a subclass overrides, a staticmethod and a
classmethod (tests/e2e/test_methods_program.py)."""
import math
import sys


class Body:
    """A point mass moving in a box."""

    SIZE = 100.0

    def __init__(self, x, y, vx, vy, mass):
        self.x = x
        self.y = y
        self.vx = vx
        self.vy = vy
        self.mass = mass
        self.__bounces = 0

    def step(self, dt):
        """Advance by `dt`, bouncing off the walls."""
        for _ in range(4):
            self.x += self.vx * dt
            self.y += self.vy * dt
            if self.x < 0.0 or self.x > 100.0:
                self.vx = -self.vx
                self.__bounces += 1
            if self.y < 0.0 or self.y > 100.0:
                self.vy = -self.vy
                self.__bounces += 1
        return self.__bounces

    def energy(self):
        e = 0.0
        for k in range(8):
            e += 0.5 * self.mass * (self.vx * self.vx + self.vy * self.vy) / 8
        return e

    @staticmethod
    def distance(ax, ay, bx, by):
        total = 0.0
        for k in range(16):
            total += math.sqrt((ax - bx) ** 2 + (ay - by + k) ** 2)
        return total / 16

    @classmethod
    def lattice(cls, k, n):
        acc = 0
        for i in range(n):
            acc += (i * k) % 7
        return acc


class Heavy(Body):
    def energy(self):
        e = 0.0
        for k in range(8):
            e += self.mass * (self.vx * self.vx + self.vy * self.vy) / 8
        return e


def simulate(rounds):
    bodies = [Body(i * 1.5, i * 2.5, 0.3 * i, -0.2 * i, 1.0) if i % 3 else Heavy(i, i, 1.0, 1.0, 3)
              for i in range(40)]
    total, bounces, near, grid = 0.0, 0, 0.0, 0
    for r in range(rounds):  # every method is called from the first round on (profiled early)
        for b in bodies:
            bounces += b.step(0.1)
            total += b.energy()
        for i in range(r * 12, r * 12 + 12):
            near += Body.distance(i * 0.1, 1.0, 2.0, i * 0.2)
        for i in range(r * 8, r * 8 + 8):
            grid += Body.lattice(i, 60) + bodies[1].lattice(i, 5) + Heavy.lattice(i, 3)
    return total, bounces, near, grid, bodies


if __name__ == "__main__":
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    total, bounces, near, grid, bodies = simulate(rounds)
    print(repr(total), bounces, repr(near), grid)
    print(repr(bodies[1].x), repr(bodies[2].y), repr(bodies[0].energy()), bodies[4]._Body__bounces)
