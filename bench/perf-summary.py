"""Summarises `perf script` output of a .NET process: CPU by thread, then inclusive shares of application methods.

    perf-summary.py <perf script output> [--all] [--within <text>]

--within keeps only the samples with a frame containing <text> (e.g. "SqliteWriteGate+<TransactionStartingAsync>": the
continuation that runs a whole SQLite write transaction, since nothing in it yields) and reports shares of those.
"""
import collections
import re
import sys

args = sys.argv[2:]
within = args[args.index("--within") + 1] if "--within" in args else None
blocks = open(sys.argv[1], encoding="utf-8", errors="replace").read().split("\n\n")
threads = collections.Counter()
inclusive = collections.Counter()
own = collections.Counter()
total = 0
for block in blocks:
    lines = [line for line in block.strip().split("\n") if line.strip()]
    if len(lines) < 2:
        continue
    if within and not any(within in frame for frame in lines[1:]):
        continue
    total += 1
    head = re.match(r"^\s*(.*?)\s+\d+(/\d+)?\s+", lines[0])
    threads[head.group(1) if head else "?"] += 1
    seen = set()
    top = re.search(r"^\s*[0-9a-f]+\s+(.+?)\s+\(", lines[1])
    own[top.group(1)[:140] if top else "?"] += 1
    for frame in lines[1:]:
        method = re.search(r"\] ([A-Za-z0-9_.`<>+]+::[A-Za-z0-9_<>`|.]+)", frame)
        if method and method.group(1) not in seen:
            seen.add(method.group(1))
            inclusive[method.group(1)] += 1

print(f"samples: {total}" + (f" (only those within {within})" if within else ""))
print("CPU by thread:")
for name, count in threads.most_common(8):
    print(f"  {count / total * 100:5.1f}%  {name}")
print("Inclusive, application and data-access methods:")
shown = 0
for name, count in inclusive.most_common():
    if name.startswith(("Marketplace.", "Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.Data.Sqlite")):
        print(f"  {count / total * 100:5.1f}%  {name[:140]}")
        shown += 1
        if shown == 40:
            break
print("Self (the frame on the CPU), all code:")
for name, count in own.most_common(30):
    print(f"  {count / total * 100:5.1f}%  {name}")
if "--all" in args:
    print("Inclusive, all code:")
    for name, count in inclusive.most_common(60):
        print(f"  {count / total * 100:5.1f}%  {name[:140]}")
