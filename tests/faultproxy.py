"""A TCP proxy for fault tests: forwards HTTP requests to a server until told to cut.

Put it between the app and a server (Elasticsearch, osmem-server) to make that server
"stop" at an exact point: `cut_after(path_part, n)` lets n more matching requests
through (e.g. n `_bulk` requests of a rebuild), then drops every connection without an
answer, as a crashed server does; `restore()` brings it back. It reads one request at a
time (head, then a Content-Length body), sends it upstream with `Connection: close`,
relays the whole answer and closes, so each request is decided on its own.
"""

import socket
import threading


class FaultProxy:
    def __init__(self, upstream_url):
        host_port = upstream_url.split("://", 1)[-1].split("/", 1)[0]
        host, _, port = host_port.rpartition(":")
        self.upstream = (host or "127.0.0.1", int(port or 80))
        self.scheme = upstream_url.split("://", 1)[0] if "://" in upstream_url else "http"
        self.lock = threading.Lock()
        self.down = False
        self.budget = None  # (path part, requests still allowed)
        self.seen = []  # request lines that reached the upstream server
        self.refused = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"{self.scheme}://127.0.0.1:{self.listener.getsockname()[1]}"
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    # -- control ----------------------------------------------------------------------

    def cut(self):
        """From now on, drop every request unanswered."""
        with self.lock:
            self.down, self.budget = True, None

    def cut_after(self, path_part, count):
        """Let `count` more requests whose line contains `path_part` through; then cut."""
        with self.lock:
            self.down, self.budget = False, (path_part, count)

    def restore(self):
        with self.lock:
            self.down, self.budget = False, None

    def requests(self, path_part):
        return sum(path_part in line for line in self.seen)

    def close(self):
        self.listener.close()

    # -- serving ----------------------------------------------------------------------

    def _serve(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _admit(self, line):
        with self.lock:
            if self.down:
                return False
            if self.budget and self.budget[0] in line:
                part, left = self.budget
                if left <= 0:
                    self.down, self.budget = True, None
                    return False
                self.budget = (part, left - 1)
            self.seen.append(line)
            return True

    def _handle(self, client):
        with client:
            try:
                head, body = _read_request(client)
            except (OSError, ValueError):
                return
            if head is None:
                return
            line = head.split(b"\r\n", 1)[0].decode("latin-1")
            if not self._admit(line):
                self.refused += 1
                client.shutdown(socket.SHUT_RDWR)
                return
            lines = [h for h in head.split(b"\r\n") if h and not h.lower().startswith(b"connection:")]
            request = b"\r\n".join(lines) + b"\r\nConnection: close\r\n\r\n" + body
            try:
                with socket.create_connection(self.upstream, timeout=30) as upstream:
                    upstream.sendall(request)
                    while chunk := upstream.recv(65536):
                        client.sendall(chunk)
            except OSError:
                return


def _read_request(sock):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None, b""
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for header in head.split(b"\r\n")[1:]:
        name, _, value = header.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
        if name.strip().lower() == b"transfer-encoding":
            raise ValueError("chunked requests are not supported by this proxy")
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head, body
