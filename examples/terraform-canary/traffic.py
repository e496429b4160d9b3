#!/usr/bin/env python3
"""Calls a stage N times and counts which version answered, like the client loop of the blog
post this example comes from, then reports the canary share with its 99% binomial interval.

    python3 traffic.py URL [-n 1000] [--canary-marker "ver 2"] [--show]
"""
import argparse
import math
import sys
import urllib.request

Z99 = 2.5758293035489  # two-sided 99% normal quantile


def wilson(successes, n, z=Z99):
    if n == 0:
        return (0.0, 1.0)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("-n", type=int, default=1000, help="number of requests (default 1000)")
    parser.add_argument("--canary-marker", default="ver 2", help="text that marks a canary answer")
    parser.add_argument("--show", action="store_true", help="print every status and body, as the blog's loop did")
    args = parser.parse_args(argv)

    counts = {}
    canary = errors = 0
    for _ in range(args.n):
        try:
            with urllib.request.urlopen(args.url, timeout=30) as res:
                status, body = res.status, res.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as err:
            status, body = err.code, err.read().decode("utf-8", "replace")
        except OSError as err:
            print(f"request failed: {err}", file=sys.stderr)
            return 1
        if args.show:
            print(f"Status Code: {status}")
            print(f"Response: {body}")
        if status != 200:
            errors += 1
        if args.canary_marker in body:
            canary += 1
        counts[body] = counts.get(body, 0) + 1

    for body, count in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"{count:6d}  {body}")
    low, high = wilson(canary, args.n)
    print(f"canary share: {100 * canary / args.n:.1f}% of {args.n} requests "
          f"(99% interval {100 * low:.1f}% to {100 * high:.1f}%), non-200 answers: {errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
