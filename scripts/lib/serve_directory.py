"""Serves a directory over HTTP on loopback, for tests and benchmarks of release downloads.

    python3 scripts/lib/serve_directory.py DIRECTORY

Binds 127.0.0.1 on a free port, prints that port on the first line of standard output, and exits
when its standard input closes (so it never outlives the process that started it).
"""
import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def main():
    handler = functools.partial(QuietHandler, directory=sys.argv[1])
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    print(server.server_address[1], flush=True)

    def watch_stdin():
        while sys.stdin.buffer.read(4096):
            pass
        server.shutdown()

    threading.Thread(target=watch_stdin, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
