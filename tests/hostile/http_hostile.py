#!/usr/bin/env python3
"""Hostile HTTP clients for tests/e2e/hostile_http.sh.

Usage: http_hostile.py PORT CASE [ARGS]. Each case prints one line
"CASE: outcome, figures" and exits 0 when the server's behaviour is the
expected bounded one, 1 (with a message) when it is not, 77 when the case
cannot run here (e.g. too few file descriptors).

Cases:
  longurl         a 100 KB request target: 414/431/400 or a closed connection
  bigheader       one 100 KB header line: 431/400/414 or closed
  manyheaders     10,000 short header lines: 431/400 or closed
  idle N ADDR     N connections from source address ADDR that send nothing;
                  meanwhile another client's GET /health and PUT (from
                  127.0.0.1) must answer within 2 s; then one idle
                  connection must be closed by the server within the idle
                  timeout (SL_SERVE_IDLE_TIMEOUT) plus 5 s
  slowbody SECS   a PUT whose body comes one byte per second: another client
                  is served promptly meanwhile, and the slow one is closed
                  (or gets 408) within SECS seconds
  bigbody LIMIT   a PUT announcing LIMIT+1 bytes (413 at once) and a chunked
                  PUT sending more than LIMIT bytes (413)
"""
import os
import resource
import socket
import sys
import time

HOST = "127.0.0.1"


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def connect(port, src=None, timeout=10):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(timeout)
    if src:
        s.bind((src, 0))
    s.connect((HOST, port))
    return s


def read_all(s, limit=10 << 20):
    """Reads until the server closes or stops answering; a reset counts
    as closed."""
    data = b""
    try:
        while len(data) < limit:
            b = s.recv(65536)
            if not b:
                break
            data += b
    except (ConnectionResetError, BrokenPipeError):
        pass
    except socket.timeout:
        return data, False
    return data, True


def status_of(data):
    if data.startswith(b"HTTP/1.") and len(data) >= 12 and data[9:12].isdigit():
        return int(data[9:12])
    return 0


def request(port, raw, timeout=10, src=None):
    """Sends raw (ignoring a server that closes early), returns (status,
    response, seconds, closed)."""
    t0 = time.time()
    s = connect(port, src, timeout)
    try:
        s.sendall(raw)
    except (ConnectionResetError, BrokenPipeError):
        pass
    data, closed = read_all(s)
    s.close()
    return status_of(data), data, time.time() - t0, closed


def oversized(port, name, raw, ok):
    st, data, secs, closed = request(port, raw)
    if st in ok or (st == 0 and closed):
        what = "status %d" % st if st else "connection closed"
        print("%s: %d bytes sent, %s in %.2f s" % (name, len(raw), what, secs))
        return
    fail("%s: status %d (closed %s) after %.2f s: %r" % (name, st, closed, secs, data[:200]))


def prompt_ok(port, what):
    """GET /health and PUT /articles/hostile-ok from 127.0.0.1 within 2 s."""
    t0 = time.time()
    st, data, secs, _ = request(port, b"GET /health HTTP/1.1\r\nHost: x\r\n"
                                b"Connection: close\r\n\r\n", timeout=5)
    if st != 200:
        fail("%s: GET /health answered %d (%r)" % (what, st, data[:200]))
    body = b"Harbour reopens\n\nThe harbour reopened on Friday after repairs, officials said.\n"
    st2, data, secs2, _ = request(port, b"PUT /articles/hostile-ok HTTP/1.1\r\nHost: x\r\n"
                                  b"Connection: close\r\nContent-Type: text/plain\r\n"
                                  b"Content-Length: %d\r\n\r\n%s" % (len(body), body), timeout=5)
    if st2 not in (201, 204):
        fail("%s: PUT answered %d (%r)" % (what, st2, data[:200]))
    total = time.time() - t0
    if total > 2:
        fail("%s: GET /health and PUT took %.2f s" % (what, total))
    return secs, secs2


def case_idle(port, n, src):
    need = n + 64
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < need:
        if hard != resource.RLIM_INFINITY and hard < need:
            print("idle: only %d file descriptors allowed (hard limit)" % hard)
            sys.exit(77)
        resource.setrlimit(resource.RLIMIT_NOFILE, (need, hard))
    socks = []
    t0 = time.time()
    try:
        for _ in range(n):
            socks.append(connect(port, src, timeout=5))
    except OSError as e:
        if not socks:
            print("idle: cannot connect from %s: %s" % (src, e))
            sys.exit(77)
        fail("idle: connection %d from %s failed: %s" % (len(socks) + 1, src, e))
    opened = time.time() - t0
    time.sleep(0.5)
    g, p = prompt_ok(port, "with %d idle connections" % n)
    # how many the server kept: the others it closed (per-address limit)
    kept = 0
    for s in socks:
        s.setblocking(False)
        try:
            b = s.recv(1)
            alive = False if b == b"" else True
        except BlockingIOError:
            alive = True
        except OSError:
            alive = False
        kept += alive
    # the idle timeout closes the ones kept
    idle = int(os.environ.get("SL_SERVE_IDLE_TIMEOUT", "30"))
    t1 = time.time()
    for s in socks:
        s.setblocking(True)
    live = [s for s in socks]
    deadline = t1 + idle + 5
    for s in live:
        s.settimeout(max(0.1, deadline - time.time()))
        try:
            b = s.recv(1)
        except socket.timeout:
            fail("idle: a connection was still open %.1f s later (idle timeout %d s)"
                 % (time.time() - t1, idle))
        except OSError:
            pass
    closed_after = time.time() - t1
    for s in socks:
        s.close()
    print("idle: %d connections from %s opened in %.2f s, %d kept by the server "
          "(per-address limit), GET /health %.1f ms and PUT %.1f ms meanwhile, "
          "all closed by the server %.1f s later (idle timeout %d s)"
          % (n, src, opened, kept, g * 1e3, p * 1e3, closed_after, idle))


def case_slowbody(port, secs):
    s = connect(port, timeout=secs + 10)
    s.sendall(b"PUT /articles/slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
              b"Content-Type: text/plain\r\nContent-Length: 1000\r\n\r\n")
    t0 = time.time()
    served = None
    sent = 0
    while time.time() - t0 < secs:
        try:
            s.sendall(b"x")
            sent += 1
        except OSError:
            break
        if served is None and time.time() - t0 > 1.5:
            served = prompt_ok(port, "during a slow body")
        s.settimeout(1.0)
        try:
            b = s.recv(65536)
        except socket.timeout:
            continue
        except OSError:
            b = b""
        rest, _ = read_all(s) if b else (b"", True)
        data = b + rest
        st = status_of(data)
        if st not in (0, 408):
            fail("slowbody: status %d" % st)
        if served is None:
            fail("slowbody: answered before another client could be served")
        print("slowbody: %d bytes at 1 byte/s, %s after %.1f s; GET /health %.1f ms and "
              "PUT %.1f ms meanwhile" % (sent, "408" if st else "closed", time.time() - t0,
                                         served[0] * 1e3, served[1] * 1e3))
        return
    fail("slowbody: still receiving after %d s" % secs)


def case_bigbody(port, limit):
    st, data, secs, _ = request(port, b"PUT /articles/big HTTP/1.1\r\nHost: x\r\n"
                                b"Connection: close\r\nContent-Type: text/plain\r\n"
                                b"Content-Length: %d\r\n\r\n" % (limit + 1) + b"x" * 1000)
    if st != 413:
        fail("bigbody: Content-Length over the limit answered %d (%r)" % (st, data[:200]))
    print("bigbody: Content-Length %d: 413 in %.2f s" % (limit + 1, secs))
    t0 = time.time()
    s = connect(port, timeout=20)
    s.sendall(b"PUT /articles/big HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
              b"Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n")
    chunk = b"x" * 65536
    sent = 0
    try:
        while sent <= 4 * limit + len(chunk):
            s.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            sent += len(chunk)
        s.sendall(b"0\r\n\r\n")
    except OSError:
        pass
    data, _ = read_all(s)
    st = status_of(data)
    if st != 413:
        fail("bigbody: chunked body over the limit answered %d (%r)" % (st, data[:200]))
    print("bigbody: chunked, %d bytes sent: 413 in %.2f s" % (sent, time.time() - t0))


def main():
    port, case = int(sys.argv[1]), sys.argv[2]
    if case == "longurl":
        oversized(port, "longurl", b"GET /stories?q=" + b"a" * 100000 +
                  b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", (414, 431, 400))
    elif case == "bigheader":
        oversized(port, "bigheader", b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " +
                  b"b" * 100000 + b"\r\nConnection: close\r\n\r\n", (431, 414, 400))
    elif case == "manyheaders":
        oversized(port, "manyheaders", b"GET /health HTTP/1.1\r\nHost: x\r\n" +
                  b"".join(b"X-H%d: v\r\n" % i for i in range(10000)) +
                  b"Connection: close\r\n\r\n", (431, 414, 400))
    elif case == "idle":
        case_idle(port, int(sys.argv[3]), sys.argv[4])
    elif case == "slowbody":
        case_slowbody(port, int(sys.argv[3]))
    elif case == "bigbody":
        case_bigbody(port, int(sys.argv[3]))
    else:
        fail("unknown case " + case)


if __name__ == "__main__":
    main()
