"""A bounded load generator on loopback: a seeded mix of vacancy searches, timed per request."""

from __future__ import annotations

import http.client
import random
import statistics
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from bench.recruitment.generate import DESTINATIONS, LANGUAGES

# Words a worker would type, in the three languages of the ads (titles, cities, terms).
WORDS = {
    "en": (
        "cook",
        "workers",
        "garment",
        "construction",
        "drivers",
        "farm",
        "Bursa",
        "Moscow",
        "insurance",
        "cleaners",
        "welders",
        "accommodation",
        "Seoul",
        "nurses",
        "hotel",
    ),
    "ru": (
        "повара",
        "рабочие",
        "водители",
        "строительства",
        "маляры",
        "жильё",
        "страховка",
        "швейного",
        "уборщики",
        "сварщики",
        "обучение",
        "кузнецы",
        "бесплатное жильё",
    ),
    "tr": (
        "aşçılar",
        "işçiler",
        "sürücüleri",
        "inşaat",
        "konaklama",
        "sigortası",
        "İstanbul",
        "Bursa",
        "temizlik",
        "kaynakçılar",
        "eğitim",
        "ücretsiz konaklama",
    ),
}
OCCUPATIONS = ("5", "7", "9", "51", "71", "75", "83", "93", "512", "711", "753", "832", "921", "931")


@dataclass(frozen=True)
class Query:
    kind: str
    params: dict[str, str]


def query_mix(*, count: int, seed: int) -> list[Query]:
    """``count`` searches: text in each language, each filter alone, and combinations."""
    rng = random.Random(seed)
    destinations, languages = list(DESTINATIONS), list(LANGUAGES)
    makers = {
        "browse": lambda: {},
        "text_en": lambda: {"q": rng.choice(WORDS["en"])},
        "text_ru": lambda: {"q": rng.choice(WORDS["ru"])},
        "text_tr": lambda: {"q": rng.choice(WORDS["tr"])},
        "occupation": lambda: {"occupation": rng.choice(OCCUPATIONS)},
        "destination": lambda: {"destination": rng.choice(destinations)},
        "language": lambda: {"language": rng.choice(languages)},
        "text+destination+language": lambda: {
            "q": rng.choice(WORDS[(lang := rng.choice(("en", "ru", "tr")))]),
            "destination": rng.choice(destinations),
            "language": lang,
        },
        "occupation+destination": lambda: {
            "occupation": rng.choice(OCCUPATIONS),
            "destination": rng.choice(destinations),
        },
        "all_four": lambda: {
            "q": rng.choice(WORDS["ru"] + WORDS["tr"]),
            "occupation": rng.choice(OCCUPATIONS[:3]),
            "destination": rng.choice(destinations),
            "language": rng.choice(("ru", "tr")),
        },
        "page_3": lambda: {"q": rng.choice(WORDS["en"]), "page": "3"},
    }
    kinds = list(makers)
    return [Query(kind, makers[kind]()) for kind in (rng.choice(kinds) for _ in range(count))]


def _percentile(sorted_ms: list[float], p: float) -> float:
    if not sorted_ms:
        return 0.0
    index = min(len(sorted_ms) - 1, max(0, round(p / 100 * len(sorted_ms) + 0.5) - 1))
    return round(sorted_ms[index], 1)


def _summary(latencies: list[float]) -> dict[str, Any]:
    ordered = sorted(latencies)
    return {
        "n": len(ordered),
        "p50_ms": _percentile(ordered, 50),
        "p95_ms": _percentile(ordered, 95),
        "p99_ms": _percentile(ordered, 99),
        "max_ms": round(ordered[-1], 1) if ordered else 0.0,
        "mean_ms": round(statistics.fmean(ordered), 1) if ordered else 0.0,
    }


def fire(*, host: str, port: int, path: str, queries: list[Query], concurrency: int) -> dict[str, Any]:
    """Send every query once, ``concurrency`` at a time (one keep-alive connection per thread)."""
    results: list[tuple[str, float, int, str]] = []
    lock = threading.Lock()
    cursor = iter(enumerate(queries))

    def worker() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=30)
        while True:
            with lock:
                item = next(cursor, None)
            if item is None:
                break
            _, query = item
            url = path + ("?" + urlencode(query.params) if query.params else "")
            start = time.perf_counter()
            try:
                conn.request("GET", url)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status, conn = 0, http.client.HTTPConnection(host, port, timeout=30)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                results.append((query.kind, elapsed, status, url))
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return _report(results, wall, concurrency)


def _report(results: list[tuple[str, float, int, str]], wall: float, concurrency: int) -> dict[str, Any]:
    by_kind: dict[str, list[float]] = defaultdict(list)
    for kind, ms, _, _ in results:
        by_kind[kind].append(ms)
    statuses = Counter(status for _, _, status, _ in results)
    slowest = sorted(results, key=lambda r: -r[1])[:5]
    return {
        "requests": len(results),
        "concurrency": concurrency,
        "wall_s": round(wall, 1),
        "throughput_rps": round(len(results) / wall, 1) if wall else 0.0,
        "errors": sum(n for status, n in statuses.items() if status != 200),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "latency": _summary([ms for _, ms, _, _ in results]),
        "by_kind": {kind: _summary(values) for kind, values in sorted(by_kind.items())},
        "slowest": [{"ms": round(ms, 1), "status": status, "url": url} for _, ms, status, url in slowest],
    }
