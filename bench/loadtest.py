"""Load test: N concurrent clients send a fixed number of mixed requests to a running policykg server.

Uses locust as a library (headless): 50 users by default, each picking search,
node, neighbourhood (depth 1 or 2) or view requests over real entity ids and
Chinese substrings of their names, until 5,000 requests have been sent.  Only
loopback addresses are accepted as targets.  Prints one JSON object:
requests, failures, p50/p95/p99 in ms, requests per second.

Usage: python bench/loadtest.py --host http://127.0.0.1:8000 [--users 50] [--requests 5000]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from urllib.parse import quote, urlparse

import gevent
from locust import HttpUser, between, task
from locust.env import Environment

IDS: list[str] = []
NAMES: list[str] = []


class Researcher(HttpUser):
    """One client: mostly lookups and neighbourhoods, some searches and views (weights below)."""

    wait_time = between(0, 0.01)

    @task(3)
    def search(self) -> None:
        name = random.choice(NAMES)
        k = random.randint(1, min(3, len(name)))
        i = random.randint(0, len(name) - k)
        self.client.get("/search", params={"q": name[i:i + k]}, name="/search")

    @task(3)
    def node(self) -> None:
        self.client.get(f"/nodes/{quote(random.choice(IDS))}", name="/nodes/{id}")

    @task(3)
    def neighbourhood(self) -> None:
        self.client.get(f"/nodes/{quote(random.choice(IDS))}/neighbourhood",
                        params={"depth": random.choice((1, 2))}, name="/nodes/{id}/neighbourhood")

    @task(1)
    def view(self) -> None:
        self.client.get(f"/nodes/{quote(random.choice(IDS))}/view", name="/nodes/{id}/view")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--host", required=True)
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--timeout", type=float, default=600, help="seconds before giving up")
    args = ap.parse_args()
    if urlparse(args.host).hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("the load test only targets a server on this machine (127.0.0.1)")

    import httpx

    entities = httpx.get(f"{args.host}/diffusion", params={"min_documents": 1, "limit": 10000}, timeout=60).json()
    IDS.extend(e["id"] for e in entities)
    NAMES.extend(e["name"] for e in entities if e.get("name"))
    random.seed(0)

    env = Environment(user_classes=[Researcher], host=args.host)
    runner = env.create_local_runner()
    t0 = time.perf_counter()
    runner.start(args.users, spawn_rate=args.users)
    while env.stats.total.num_requests < args.requests and time.perf_counter() - t0 < args.timeout:
        gevent.sleep(0.05)
    runner.quit()
    seconds = time.perf_counter() - t0
    total = env.stats.total
    print(json.dumps({
        "users": args.users, "requests": total.num_requests, "failures": total.num_failures,
        "p50_ms": total.get_response_time_percentile(0.5), "p95_ms": total.get_response_time_percentile(0.95),
        "p99_ms": total.get_response_time_percentile(0.99), "requests_per_s": round(total.num_requests / seconds, 1),
        "errors": {f"{e.method} {e.name}": f"{e.occurrences} x {e.error}" for e in env.stats.errors.values()},
    }))


if __name__ == "__main__":
    main()
