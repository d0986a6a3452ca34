"""Shortest paths on a road-like graph with a binary heap (Dijkstra's algorithm).

The graph is generated deterministically: a grid of junctions with some random
shortcuts, stored as a dict mapping each node to a list of (neighbour, weight) pairs.
The program runs Dijkstra from several sources and prints a summary of the distances.
"""

import heapq
import random


def make_graph(width, height, shortcuts, seed):
    rng = random.Random(seed)
    graph = {}
    for y in range(height):
        for x in range(width):
            graph[y * width + x] = []
    for y in range(height):
        for x in range(width):
            node = y * width + x
            if x + 1 < width:
                w = round(rng.uniform(1.0, 10.0), 2)
                graph[node].append((node + 1, w))
                graph[node + 1].append((node, w))
            if y + 1 < height:
                w = round(rng.uniform(1.0, 10.0), 2)
                graph[node].append((node + width, w))
                graph[node + width].append((node, w))
    n = width * height
    for _ in range(shortcuts):
        a = rng.randrange(n)
        b = rng.randrange(n)
        if a != b:
            graph[a].append((b, round(rng.uniform(5.0, 40.0), 2)))
    return graph


def dijkstra(graph, source):
    dist = {source: 0.0}
    heap = [(0.0, source)]
    done = set()
    while heap:
        d, node = heapq.heappop(heap)
        if node in done:
            continue
        done.add(node)
        for neighbour, weight in graph[node]:
            nd = d + weight
            if neighbour not in dist or nd < dist[neighbour]:
                dist[neighbour] = nd
                heapq.heappush(heap, (nd, neighbour))
    return dist


def summarize(dist, k):
    """Reached count, mean, median and largest distance, and the k farthest nodes
    (ties broken by the smaller node number)."""
    values = sorted(dist.values())
    total = sum(values)
    median = values[len(values) // 2]
    far = heapq.nlargest(k, dist.items(), key=lambda item: (item[1], -item[0]))
    return len(values), total / len(values), median, values[-1], far


def distance_report(graph, sources, k):
    report = []
    for source in sources:
        dist = dijkstra(graph, source)
        report.append((source, summarize(dist, k)))
    return report


def main():
    width, height = 150, 150
    graph = make_graph(width, height, 4000, seed=7)
    n = width * height
    sources = [0, n - 1, n // 2 + width // 2, width - 1] + [(i * 7919) % n for i in range(1, 21)]
    for source, (reached, mean, median, longest, far) in distance_report(graph, sources, 3):
        print(f"from {source}: reached {reached}, mean {mean:.3f}, median {median:.2f}, max {longest:.2f}")
        for node, d in far:
            print(f"  far: {node} at {d:.2f}")


if __name__ == "__main__":
    main()
