#!/usr/bin/env python3
"""https_server.py - a throw-away HTTPS server for tests/test_update.sh.

Binds 127.0.0.1 only, on a free port it writes to --port-file, serves with
the given certificate and key, and exits on its own after --lifetime seconds
even if nobody stops it. What it answers depends on the path:

  /f/NAME          the file NAME from --dir
  /slow/NAME       the same, in pieces over about two seconds
  /404, /500       that status
  /stall           headers and a few bytes, then nothing
  /short           announces the size of good.yaml, sends half, closes
  /big             more than 4 MiB with no Content-Length
  /big-cl          the same, announced in Content-Length
  /redirect-ok     302 to /f/good.yaml
  /redirect-http   302 to http://127.0.0.1:PORT/f/good.yaml
  /redirect-file   302 to file:///etc/passwd
  /redirect-loop   302 to itself
  /redirect-ctl    302 to an address with control bytes in it
  /redirect-cred   302 to https://alice:hunter2@127.0.0.1:PORT/404

A ?query is ignored (the path alone picks the answer).

Python standard library only.
"""
import argparse
import http.server
import os
import ssl
import sys
import threading
import time

CAP = 4 * 1024 * 1024


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "test-https"

    def log_message(self, fmt, *args):
        sys.stderr.write("https_server: " + (fmt % args) + "\n")

    def send_body(self, body, status=200, length=True):
        self.send_response(status)
        self.send_header("Content-Type", "application/yaml")
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def read_file(self, name):
        path = os.path.join(self.server.files, os.path.basename(name))
        try:
            with open(path, "rb") as f:
                return f.read()
        except OSError:
            return None

    def redirect(self, where):
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def stream(self, total, announce):
        self.send_response(200)
        if announce:
            self.send_header("Content-Length", str(total))
        self.end_headers()
        chunk = b"# padding\n" * 6554  # about 64 KiB
        sent = 0
        try:
            while sent < total:
                self.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass  # the client hung up at its cap: expected

    def do_GET(self):
        p = self.path.split("?", 1)[0]
        port = self.server.server_address[1]
        if p.startswith("/f/"):
            body = self.read_file(p[3:])
            if body is None:
                self.send_body(b"not found\n", 404)
            else:
                self.send_body(body)
        elif p.startswith("/slow/"):
            body = self.read_file(p[6:])
            if body is None:
                self.send_body(b"not found\n", 404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            step = len(body) // 10 + 1
            for i in range(0, len(body), step):
                self.wfile.write(body[i:i + step])
                self.wfile.flush()
                time.sleep(0.2)
        elif p == "/404":
            self.send_body(b"not here\n", 404)
        elif p == "/500":
            self.send_body(b"broken\n", 500)
        elif p == "/stall":
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"schema_version: 1\n")
            self.wfile.flush()
            time.sleep(20)
        elif p == "/short":
            body = self.read_file("good.yaml") or b""
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
        elif p == "/big":
            self.stream(CAP + 1024 * 1024, False)
        elif p == "/big-cl":
            self.stream(CAP + 1024 * 1024, True)
        elif p == "/redirect-ok":
            self.redirect("/f/good.yaml")
        elif p == "/redirect-http":
            self.redirect("http://127.0.0.1:%d/f/good.yaml" % port)
        elif p == "/redirect-file":
            self.redirect("file:///etc/passwd")
        elif p == "/redirect-loop":
            self.redirect("/redirect-loop")
        elif p == "/redirect-ctl":
            self.redirect("https://127.0.0.1:%d/f/\x01\x1b[31mgood.yaml" % port)
        elif p == "/redirect-cred":
            self.redirect("https://alice:hunter2@127.0.0.1:%d/404" % port)
        elif p == "/no-status-line":
            # No status line at all (HTTP/0.9, or not HTTP): the server's fault.
            self.wfile.write(b"schema_version: 1\n")
            self.close_connection = True
        elif p == "/long-header":
            # One header line over libcurl's 100 KiB limit.
            self.send_response(200)
            self.send_header("X-Padding", "v" * (300 * 1024))
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_body(b"unknown test path\n", 404)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def finish_request(self, request, client_address):
        # The TLS handshake happens here, in the connection's own thread, so
        # a client that refuses the certificate cannot block the others.
        try:
            conn = self.tls.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as e:
            sys.stderr.write("https_server: handshake failed: %s\n" % e)
            return
        try:
            self.RequestHandlerClass(conn, client_address, self)
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def handle_error(self, request, client_address):
        sys.stderr.write("https_server: error serving %s\n" % (client_address,))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cert", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--lifetime", type=float, default=120)
    a = ap.parse_args()

    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(a.cert, a.key)
    srv = Server(("127.0.0.1", 0), Handler)
    srv.tls = tls
    srv.files = a.dir
    killer = threading.Timer(a.lifetime, lambda: os._exit(3))
    killer.daemon = True
    killer.start()
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, a.port_file)
    srv.serve_forever()


if __name__ == "__main__":
    main()
