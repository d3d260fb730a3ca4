#!/usr/bin/env python3
"""Ledger benchmark driver (see README.md): a backlog of paid-order events, posted by the running API; then statement latency.

  python3 bench/ledger/bench.py <baseUrl> <sqliteFile> <events> <maxSeconds> <adminEmail> <adminPassword> [linesPerOrder=1]

1. Signs up a merchant and opens a shop through the API (the statement needs a real shop).
2. Writes <events> OrderPaid events for that shop straight into orders_outbox (what Orders would have written; the
   API's outbox dispatcher delivers them to the Ledger), and times how fast ledger_entries grows (postings/s), for at
   most <maxSeconds>.
3. Times GET /shops/{id}/statement (first page, a late page) and the CSV as an admin, and GET /health/live for the ratio.
"""
import json, math, os, sqlite3, sys, threading, time, uuid, urllib.request
from datetime import datetime, timezone

base, db_file, events, max_seconds, admin_email, admin_password = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6]
lines_per_order = int(sys.argv[7]) if len(sys.argv) > 7 else 1


def call(method, path, body=None, token=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    with urllib.request.urlopen(req, timeout=120) as r:
        raw = r.read()
        return json.loads(raw) if raw and r.headers.get_content_type() == "application/json" else raw


def login(email, password):
    return call("POST", "/api/v1/auth/login", {"email": email, "password": password})["accessToken"]


email = f"bench-{uuid.uuid4().hex}@bench.marketplace.id"
call("POST", "/api/v1/auth/register", {"email": email, "password": "Bench-Pasar-2026!", "displayName": "Bench", "role": "merchant"})
merchant = login(email, "Bench-Pasar-2026!")
shop = call("POST", "/api/v1/shops", {"name": "Toko Bench " + uuid.uuid4().hex[:6], "cityCode": "35.73", "subsectors": ["kuliner"]}, merchant)
shop_id = shop["id"]
admin = login(admin_email, admin_password)


def binary(dt):
    # EF Core's DateTimeOffsetToBinaryConverter (SQLite): (ticks / 1000) << 11 | offset minutes (0 for UTC).
    ticks = int((dt - datetime(1, 1, 1, tzinfo=timezone.utc)).total_seconds() * 10_000_000)
    return (ticks // 1000) << 11


now = datetime.now(timezone.utc)
iso = now.isoformat().replace("+00:00", "Z")
rows = []
for i in range(events):
    order_id, group_id, event_id = (str(uuid.uuid4()) for _ in range(3))
    price = 100_000 + (i % 97) * 1_000
    qty = 1 + i % 3
    lines = [{"lineId": str(uuid.uuid4()), "productId": str(uuid.uuid4()), "quantity": qty, "unitPriceAmount": price, "lineTotalAmount": price * qty, "boothId": None}
             for _ in range(lines_per_order)]
    payload = {
        "orderId": order_id, "orderGroupId": group_id, "shopId": shop_id,
        "total": {"amount": price * qty * lines_per_order + 1_000_000, "currency": "IDR"}, "paidAt": iso,
        "lines": lines,
        "shippingAmount": 1_000_000, "discountAmount": 0, "voucherCode": None, "paymentMethod": "manual", "paymentIntentId": None,
        "placedAt": iso, "eventId": event_id, "occurredAt": iso,
    }
    rows.append((event_id.upper(), "Marketplace.Orders.Contracts.OrderPaid", json.dumps(payload), binary(now), 0))

con = sqlite3.connect(db_file, timeout=60)
con.execute("PRAGMA busy_timeout = 60000")
before = con.execute("SELECT COUNT(*) FROM ledger_entries").fetchone()[0]
con.executemany('INSERT INTO orders_outbox ("EventId", "Type", "Payload", "OccurredAt", "Attempts") VALUES (?, ?, ?, ?, ?)', rows)
con.commit()
start = time.time()
posted = 0
while time.time() - start < max_seconds:
    time.sleep(0.5)
    posted = con.execute("SELECT COUNT(*) FROM ledger_entries").fetchone()[0] - before
    if posted >= events:
        break
elapsed = time.time() - start
load_after_posting = os.getloadavg()
errors = con.execute('SELECT COUNT(*) FROM orders_outbox WHERE "LastError" IS NOT NULL').fetchone()[0]
lines = con.execute("SELECT COUNT(*) FROM ledger_lines WHERE AccountId LIKE ?", (f"shop_pending:{uuid.UUID(shop_id).hex}:%",)).fetchone()[0]
print(f"postings: {posted} of {events} in {elapsed:.1f} s = {posted / elapsed:.0f} postings/s (outbox rows with errors: {errors}); shop lines on pending: {lines}")
print(f"load average at the end of posting (1/5/15 min): {load_after_posting[0]:.1f} / {load_after_posting[1]:.1f} / {load_after_posting[2]:.1f}")


def timed(path, n):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        call("GET", path, token=admin)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))]


frm = "2000-01-01T00:00:00Z"
admin = login(admin_email, admin_password)  # the first token may have expired while a long backlog drained
total = call("GET", f"/api/v1/shops/{shop_id}/statement?account=pending&from={frm}&pageSize=100", token=admin)["total"]
last = max(1, math.ceil(total / 100))
print(f"statement total: {total} lines on pending; last page {last}")
for name, path, n in [
    ("statement JSON page 1 (100 rows)", f"/api/v1/shops/{shop_id}/statement?account=pending&from={frm}&pageSize=100", 20),
    (f"statement JSON last page {last} (100 rows)", f"/api/v1/shops/{shop_id}/statement?account=pending&from={frm}&pageSize=100&page={last}", 20),
    ("statement JSON, balances only (a page past the end)", f"/api/v1/shops/{shop_id}/statement?account=pending&from={frm}&pageSize=100&page={last + 1}", 20),
    ("balance", f"/api/v1/shops/{shop_id}/balance", 50),
    ("statement CSV (all rows)", f"/api/v1/shops/{shop_id}/statement.csv?account=pending&from={frm}", 3),
]:
    p50, p99 = timed(path, n)
    print(f"{name}: p50 {p50:.1f} ms, p99 {p99:.1f} ms ({n} requests)")

# /health/live with 4 client threads for 5 s, and the statement page 1 the same way, for the ratio.
def rate(path, token, seconds=5, threads=4):
    count = [0]
    stop = time.time() + seconds
    lock = threading.Lock()

    def worker():
        while time.time() < stop:
            call("GET", path, token=token)
            with lock:
                count[0] += 1
    ts = [threading.Thread(target=worker) for _ in range(threads)]
    [t.start() for t in ts]
    [t.join() for t in ts]
    return count[0] / seconds


health = rate("/health/live", None)
statement = rate(f"/api/v1/shops/{shop_id}/statement?account=pending&from={frm}&pageSize=100", admin)
print(f"/health/live: {health:.0f} req/s; statement page 1: {statement:.1f} req/s; ratio {statement / health:.4f} (same Python client, 4 threads)")
print("load average at the end (1/5/15 min): %.1f / %.1f / %.1f" % os.getloadavg())
