"""c-judge: compiles and runs C programs submitted over HTTP (a teaching tool).

POST /run with a C source file as the body: the service compiles it with gcc, runs it with
the query parameter `input` on standard input and a time limit, and returns a JSON verdict.
It needs gcc and the C library headers at run time, so its image cannot drop the toolchain.
"""
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from sandbox import compile_and_run

MAX_SOURCE = 64 * 1024


class Handler(BaseHTTPRequestHandler):
    def _send(self, status, payload):
        body = (json.dumps(payload) + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if urlparse(self.path).path == "/healthz":
            self._send(200, {"status": "ok"})
        else:
            self._send(404, {"error": "not found"})

    def do_POST(self):
        url = urlparse(self.path)
        if url.path != "/run":
            self._send(404, {"error": "not found"})
            return
        length = int(self.headers.get("Content-Length", "0"))
        if length <= 0 or length > MAX_SOURCE:
            self._send(400, {"error": "send a C source of at most 64 KiB"})
            return
        source = self.rfile.read(length).decode("utf-8", "replace")
        stdin = parse_qs(url.query).get("input", [""])[0]
        self._send(200, compile_and_run(source, stdin))


def main():
    port = int(os.environ.get("PORT", "8084"))
    server = ThreadingHTTPServer(("0.0.0.0", port), Handler)
    print(f"c-judge listening on :{port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
