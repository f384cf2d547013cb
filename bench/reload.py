#!/usr/bin/env python3
"""Edit-to-reload latency of `signpost serve`.

Starts the preview server on a site, listens on its live-reload event
stream like an open browser tab does, then saves a guideline again and
again and measures the time from the save to the event that makes the page
reload. Prints the median and the 90th percentile.

usage: bench/reload.py SITE_ROOT [--binary target/release/signpost]
                       [--file content/guidelines/x.md] [--edits 21]
The edited file is restored afterwards. Edits start --settle seconds
after the server is up (default 10), once its first search index is
written: that is a one-off cost of starting, not of an edit.
"""
import argparse
import json
import os
import pathlib
import re
import socket
import statistics
import subprocess
import sys
import time


def start_server(binary, root):
    env = dict(os.environ, SIGNPOST_TODAY=os.environ.get("SIGNPOST_TODAY", "2026-11-25"))
    proc = subprocess.Popen([binary, "serve", "--root", root, "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env)
    for line in proc.stdout:
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if m:
            return proc, int(m.group(1))
    raise SystemExit("serve did not print its address")


class Events:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(b"GET /__signpost/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        self.buffer = b""

    def next_state(self, timeout=30):
        self.sock.settimeout(timeout)
        while True:
            while b"\n\n" in self.buffer:
                block, self.buffer = self.buffer.split(b"\n\n", 1)
                for line in block.split(b"\n"):
                    if line.startswith(b"data: "):
                        return json.loads(line[6:])
            chunk = self.sock.recv(65536)
            if not chunk:
                raise SystemExit("event stream closed")
            self.buffer += chunk


def pick_file(root):
    files = sorted(pathlib.Path(root, "content", "guidelines").rglob("*.md"))
    for f in files:
        if "status: approved" in f.read_text():
            return f
    raise SystemExit("no approved guideline to edit")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("--binary", default="target/release/signpost")
    ap.add_argument("--file")
    ap.add_argument("--edits", type=int, default=21)
    ap.add_argument("--settle", type=float, default=10.0)
    args = ap.parse_args()
    path = pathlib.Path(args.root, args.file) if args.file else pick_file(args.root)
    original = path.read_text()
    proc, port = start_server(args.binary, args.root)
    try:
        events = Events(port)
        state = events.next_state()
        generation = state["generation"]
        time.sleep(args.settle)
        samples = []
        for i in range(args.edits):
            text = original + f"\n\nBenchmark edit {i}.\n"
            started = time.perf_counter()
            path.write_text(text)
            while True:
                state = events.next_state()
                if state["errors"]:
                    raise SystemExit("the edit did not build: " + "; ".join(state["errors"]))
                if state["generation"] > generation:
                    generation = state["generation"]
                    break
            samples.append((time.perf_counter() - started) * 1000)
            time.sleep(0.2)
    finally:
        path.write_text(original)
        proc.terminate()
        proc.wait()
    samples = samples[1:]  # the first edit warms the caches of a new server
    samples.sort()
    p90 = samples[int(len(samples) * 0.9) - 1]
    print(f"{args.root}: edited {path.name} {len(samples)} times: "
          f"median {statistics.median(samples):.1f} ms, p90 {p90:.1f} ms, min {samples[0]:.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
