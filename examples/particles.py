"""Particles in a box: a class with numeric attributes, a list of instances, methods,
pairwise collisions, an energy report every few hundred steps.

    python examples/particles.py [PARTICLES] [STEPS]
"""

import math
import random
import sys

WIDTH = 100.0
HEIGHT = 60.0
GRAVITY = 9.81


class Particle:
    def __init__(self, x, y, vx, vy, mass=1.0):
        self.x = x
        self.y = y
        self.vx = vx
        self.vy = vy
        self.mass = mass

    def kinetic_energy(self):
        return 0.5 * self.mass * (self.vx * self.vx + self.vy * self.vy)

    def potential_energy(self):
        return self.mass * GRAVITY * self.y

    def speed(self):
        return math.hypot(self.vx, self.vy)


def move(particles, dt):
    for p in particles:
        p.vy -= GRAVITY * dt
        p.x += p.vx * dt
        p.y += p.vy * dt
        if p.x < 0.0:
            p.x = -p.x
            p.vx = -p.vx
        elif p.x > WIDTH:
            p.x = 2 * WIDTH - p.x
            p.vx = -p.vx
        if p.y < 0.0:
            p.y = -p.y
            p.vy = -p.vy * 0.999
        elif p.y > HEIGHT:
            p.y = 2 * HEIGHT - p.y
            p.vy = -p.vy


def collide(particles, radius):
    """Swap velocities of every pair closer than `radius` (elastic, equal masses)."""
    hits = 0
    limit = radius * radius
    n = len(particles)
    for i in range(n):
        a = particles[i]
        for j in range(i + 1, n):
            b = particles[j]
            dx = a.x - b.x
            dy = a.y - b.y
            if dx * dx + dy * dy < limit:
                a.vx, b.vx = b.vx, a.vx
                a.vy, b.vy = b.vy, a.vy
                hits += 1
    return hits


def total_energy(particles):
    total = 0.0
    for p in particles:
        total += p.kinetic_energy() + p.potential_energy()
    return total


def fastest(particles):
    best = particles[0]
    for p in particles:
        if p.speed() > best.speed():
            best = p
    return best


def make_particles(n, seed=12345):
    rng = random.Random(seed)
    return [Particle(rng.uniform(0, WIDTH), rng.uniform(0, HEIGHT), rng.uniform(-20, 20), rng.uniform(-20, 20))
            for _ in range(n)]


def main(n, steps):
    particles = make_particles(n)
    hits = 0
    for step in range(steps):
        move(particles, 0.01)
        hits += collide(particles, 0.5)
        if step % 100 == 0:
            top = fastest(particles)
            print(f"step {step:5d}  energy {total_energy(particles):14.6f}  hits {hits:6d}  "
                  f"fastest at ({top.x:7.3f}, {top.y:7.3f})")
    print(f"done: {hits} collisions, energy {total_energy(particles):.6f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300, int(sys.argv[2]) if len(sys.argv) > 2 else 400)
