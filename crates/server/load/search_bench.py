#!/usr/bin/env python3
"""The dashboard's payment search on 100,000 invoices (a benchmark).

Starts the release kassa-server on a fresh SQLite file, pays one invoice
through the checkout API for a real row, copies it 100,000 times straight
into the database (new ids, one a minute back in time, last fours spread
over 10,000 values, one rare email), then asks the search the dashboard asks
and prints the median and 95th percentile of each over 200 requests; then
takes every invoice once as the CSV export and once by paging the JSON
search to its end, with the server's peak memory around the export:

    cargo build --release -p kassa-server
    python3 crates/server/load/search_bench.py [invoices]

Only the standard library: sqlite3 seeds, urllib asks.
"""

import json
import os
import random
import secrets
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SERVER = os.environ.get("KASSA_SERVER_BIN", os.path.join(ROOT, "target/release/kassa-server"))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(method, url, api_key=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    headers = {"content-type": "application/json"}
    if api_key:
        headers["authorization"] = f"Bearer {api_key}"
    with urllib.request.urlopen(urllib.request.Request(url, data=data, method=method, headers=headers)) as answer:
        return json.loads(answer.read() or b"null")


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    directory = tempfile.mkdtemp(prefix="kassa-search-bench-")
    database = os.path.join(directory, "kassa.db")
    port = free_port()
    env = dict(
        os.environ,
        KASSA_LISTEN=f"127.0.0.1:{port}",
        KASSA_DATABASE_URL=f"sqlite://{database}",
        KASSA_SECRET_KEY=secrets.token_hex(32),
        KASSA_ALLOW_PRIVATE_CALLBACKS="true",
        KASSA_LOG_FORMAT="json",
        # The seeded invoices and the paid one, all in one export.
        KASSA_EXPORT_MAX_ROWS=str(count + 1),
    )
    created = json.loads(subprocess.run(
        [SERVER, "merchant", "create", "--name", "Bench Shop", "--callback-url", "http://127.0.0.1:9/callback", "--json"],
        env=env, check=True, capture_output=True, text=True).stdout)
    server = subprocess.Popen([SERVER, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/readyz")
                break
            except OSError:
                time.sleep(0.05)
        key = created["api_key"]
        invoice = request("POST", f"{base}/api/v1/invoices", key, {
            "amount": "15.04", "currency": "EUR", "email": "ada@example.com",
            "success_url": "https://shop.example/s", "cancel_url": "https://shop.example/c",
            "pending_url": "https://shop.example/p", "failure_url": "https://shop.example/f"})
        request("POST", f"{base}/api/v1/checkout/{invoice['id']}/pay", body={
            "card": {"number": "4242 4242 4242 4242", "expiry": "12/30", "cvv": "123", "name": "Ada Lovelace"}})

        started = time.monotonic()
        db = sqlite3.connect(database, timeout=30)
        columns = [row[1] for row in db.execute("PRAGMA table_info(invoices)")]
        template = dict(zip(columns, db.execute("SELECT * FROM invoices WHERE id = ?", (invoice["id"],)).fetchone()))
        now = template["created_at"]
        rows = []
        for index in range(count):
            row = dict(template)
            row["id"] = "inv_" + secrets.token_hex(16)
            row["created_at"] = row["updated_at"] = now - (index + 1) * 60_000
            row["card_last4"] = f"{random.randrange(10_000):04d}"
            row["email"] = "rare@example.com" if index == count // 2 else f"shopper{index % 5000}@example.com"
            rows.append(tuple(row[column] for column in columns))
        marks = ", ".join("?" for _ in columns)
        db.executemany(f"INSERT INTO invoices ({', '.join(columns)}) VALUES ({marks})", rows)
        db.commit()
        db.close()
        print(f"seeded {count} invoices in {time.monotonic() - started:.1f} s")

        rare_last4 = "9999"  # about one in 10,000
        queries = {
            "newest page (20)": "",
            "last four, 1 in 10,000": f"last4={rare_last4}",
            "email, 1 of 100,000": "email=rare@example.com",
            "status paid": "status=paid",
            "a date range (one day, a month back)": "created_from=" + time.strftime("%Y-%m-%d", time.gmtime(now / 1000 - 30 * 86400))
            + "&created_to=" + time.strftime("%Y-%m-%d", time.gmtime(now / 1000 - 29 * 86400)),
        }
        print(f"{'query':40} {'median ms':>10} {'p95 ms':>8}  rows")
        for name, query in queries.items():
            times = []
            for _ in range(200):
                started = time.perf_counter()
                page = request("GET", f"{base}/api/v1/invoices?{query}", key)
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            print(f"{name:40} {statistics.median(times):10.2f} {times[189]:8.2f}  {len(page['data'])}")
        # Following the cursor 50 pages deep.
        started = time.perf_counter()
        cursor = None
        for _ in range(50):
            page = request("GET", f"{base}/api/v1/invoices?limit=100" + (f"&cursor={cursor}" if cursor else ""), key)
            cursor = page["next_cursor"]
        print(f"{'50 pages of 100, by cursor (per page)':40} {(time.perf_counter() - started) * 1000 / 50:10.2f}")

        # Every invoice: the CSV export, against paging the JSON search to its end.
        def peak_rss_mb():
            with open(f"/proc/{server.pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
            return float("nan")

        before = peak_rss_mb()
        started = time.perf_counter()
        exported = urllib.request.Request(f"{base}/api/v1/invoices/export.csv", headers={"authorization": f"Bearer {key}"})
        size = lines = 0
        with urllib.request.urlopen(exported) as answer:
            while chunk := answer.read(1 << 16):
                size += len(chunk)
                lines += chunk.count(b"\n")  # one a row (CRLF; no field holds a newline here)
        export_seconds = time.perf_counter() - started
        after = peak_rss_mb()
        started = time.perf_counter()
        cursor, paged = None, 0
        while True:
            page = request("GET", f"{base}/api/v1/invoices?limit=100" + (f"&cursor={cursor}" if cursor else ""), key)
            paged += len(page["data"])
            cursor = page["next_cursor"]
            if not cursor:
                break
        paging_seconds = time.perf_counter() - started
        print(f"export.csv: {lines - 1} rows, {size / 1e6:.1f} MB in {export_seconds:.2f} s "
              f"({(lines - 1) / export_seconds:,.0f} rows/s); server peak RSS {before:.0f} -> {after:.0f} MB")
        print(f"the JSON search, 100 a page to the end: {paged} rows in {paging_seconds:.2f} s "
              f"({paged / paging_seconds:,.0f} rows/s); export / paging time: {export_seconds / paging_seconds:.3f}x")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
