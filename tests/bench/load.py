"""A small closed-loop HTTP/1.1 load generator: C keep-alive connections, each sending its next
request as soon as the previous response is complete, for a fixed time.

One thread, non-blocking sockets and epoll (selectors), minimal response parsing: on a 2-core
machine a thread-per-client http.client tool spends more CPU than the server it measures.
Latency is from just before send() to the last byte of the response read."""

from __future__ import annotations

import gc
import random
import resource
import selectors
import socket
import time
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class _Conn:
    sock: socket.socket
    buf: bytearray = field(default_factory=bytearray)
    sent_at: float = 0.0


@dataclass
class LoadResult:
    name: str
    clients: int
    duration_s: float
    requests: int
    errors: int
    statuses: dict[str, int]
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float
    bytes_per_response: float
    client_cpu_s: float
    client_cpu_pct: float
    cached_pct: float = 0.0  # answers marked X-Cache: hit (from the response cache)

    def row(self) -> dict[str, object]:
        return self.__dict__.copy()


def _percentile(ordered: Sequence[float], q: float) -> float:
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))  # nearest rank
    return ordered[index]


def _complete(buf: bytearray) -> tuple[int, int, bool] | None:
    """(status, total length, cache hit) once buf holds one whole response, else None."""
    end = buf.find(b"\r\n\r\n")
    if end < 0:
        return None
    head = bytes(buf[:end]).lower()
    status = int(head[9:12])
    hit = b"\r\nx-cache: hit" in head
    at = head.find(b"\r\ncontent-length:")
    if at >= 0:
        stop = head.find(b"\r\n", at + 2)
        length = int(head[at + 17 : stop if stop > 0 else None])
        total = end + 4 + length
        return (status, total, hit) if len(buf) >= total else None
    if b"\r\ntransfer-encoding: chunked" in head:
        pos = end + 4
        while True:
            line_end = buf.find(b"\r\n", pos)
            if line_end < 0:
                return None
            size = int(bytes(buf[pos:line_end]).split(b";")[0], 16)
            pos = line_end + 2 + size + 2
            if len(buf) < pos:
                return None
            if size == 0:
                return status, pos, hit
    return status, end + 4, hit  # no body


def request_bytes(host: str, port: int, path: str, headers: dict[str, str]) -> bytes:
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Accept: application/json"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def run(
    name: str,
    host: str,
    port: int,
    paths: Sequence[str],
    headers: dict[str, str],
    clients: int = 16,
    duration: float = 12.0,
    warmup: float = 2.0,
    seed: int = 7,
) -> LoadResult:
    """Drive `clients` connections at random `paths` for warmup + duration seconds; only
    responses completed inside the measured window count."""
    rng = random.Random(seed)
    requests = [request_bytes(host, port, p, headers) for p in paths]
    sel = selectors.DefaultSelector()
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    errors = 0
    body_bytes = 0
    hits = 0

    def connect() -> _Conn:
        sock = socket.create_connection((host, port))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.setblocking(False)
        conn = _Conn(sock)
        sel.register(sock, selectors.EVENT_READ, conn)
        return conn

    def send(conn: _Conn) -> None:
        conn.buf.clear()
        conn.sent_at = time.perf_counter()
        conn.sock.sendall(rng.choice(requests))  # ~300 bytes: fits the socket buffer

    conns = [connect() for _ in range(clients)]
    gc_was_enabled = gc.isenabled()
    gc.disable()
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    measure_from = start + warmup
    stop_at = measure_from + duration
    for conn in conns:
        send(conn)
    try:
        while True:
            now = time.perf_counter()
            if now >= stop_at:
                break
            for key, _ in sel.select(timeout=stop_at - now):
                conn: _Conn = key.data
                try:
                    chunk = conn.sock.recv(262144)
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError:
                    chunk = b""
                done = time.perf_counter()
                if not chunk:  # server closed the connection: count it, reconnect
                    if done >= measure_from:
                        errors += 1
                        statuses["closed"] = statuses.get("closed", 0) + 1
                    sel.unregister(conn.sock)
                    conn.sock.close()
                    conns.remove(conn)
                    fresh = connect()
                    conns.append(fresh)
                    send(fresh)
                    continue
                conn.buf += chunk
                parsed = _complete(conn.buf)
                if parsed is None:
                    continue
                status, total, hit = parsed
                if conn.sent_at >= measure_from and done < stop_at:
                    latencies.append(done - conn.sent_at)
                    hits += hit
                    statuses[str(status)] = statuses.get(str(status), 0) + 1
                    body_bytes += total
                    if status >= 400:
                        errors += 1
                send(conn)
    finally:
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)
        if gc_was_enabled:
            gc.enable()
        for conn in conns:
            sel.unregister(conn.sock)
            conn.sock.close()
        sel.close()
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    wall = time.perf_counter() - start
    latencies.sort()
    n = len(latencies)
    ok = n - sum(v for k, v in statuses.items() if k.isdigit() and int(k) >= 400)
    return LoadResult(
        name=name,
        clients=clients,
        duration_s=duration,
        requests=n,
        errors=errors,
        statuses=statuses,
        rps=ok / duration,
        p50_ms=_percentile(latencies, 0.50) * 1000,
        p90_ms=_percentile(latencies, 0.90) * 1000,
        p99_ms=_percentile(latencies, 0.99) * 1000,
        max_ms=(latencies[-1] * 1000) if latencies else float("nan"),
        mean_ms=(sum(latencies) / n * 1000) if n else float("nan"),
        bytes_per_response=body_bytes / n if n else 0.0,
        client_cpu_s=cpu,
        client_cpu_pct=100 * cpu / wall,
        cached_pct=100 * hits / n if n else 0.0,
    )
