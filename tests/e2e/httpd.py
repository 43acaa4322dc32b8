#!/usr/bin/env python3
"""tests/e2e/httpd.py ROOT PORTFILE LOGFILE: the HTTP server of the fetch tests.

Listens on 127.0.0.1 on a free port (written to PORTFILE once it listens)
and never reaches anywhere else. Serves the files of ROOT and a few
behaviours, each request logged to LOGFILE as one line:
"METHOD PATH STATUS inm=IF-NONE-MATCH ims=IF-MODIFIED-SINCE ae=ACCEPT-ENCODING ua=USER-AGENT bytes=N".

  /f/NAME            the file ROOT/NAME, with an ETag (of its bytes) and a
                     Last-Modified (its time); 304 when the request's
                     If-None-Match or If-Modified-Since says it is unchanged;
                     429 with Retry-After: 120 while ROOT/NAME.429 exists
  /plain/NAME        the file without validators (always 200)
  /gzip/NAME         the file gzip-encoded (Content-Encoding: gzip)
  /type/MIME/NAME    the file as Content-Type MIME (slashes as ~: text~html)
  /redirect/N/NAME   302 to /redirect/N-1/NAME ... then to /f/NAME
  /status/CODE       that status with a short body
  /retry/SECONDS     429 Too Many Requests with Retry-After: SECONDS
  /unavailable       503 with Retry-After as an HTTP date 2 minutes ahead
  /slow/SECS/NAME    the file (as /plain/NAME) after SECS seconds
  /hang              reads the request and never answers
  /big/MIB           200 with MIB MiB of XML (generated, streamed)
  /feeds/N.xml       a generated RSS feed (number N, 50 stories; for the bench)
  /stop              stops the server
"""
import email.utils
import gzip
import hashlib
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT, PORTFILE, LOGFILE = sys.argv[1], sys.argv[2], sys.argv[3]
LOG_LOCK = threading.Lock()
STOP = threading.Event()

TYPES = {'.xml': 'application/rss+xml', '.atom': 'application/atom+xml',
         '.rdf': 'application/rdf+xml', '.html': 'text/html; charset=utf-8',
         '.txt': 'text/plain'}


def log(line):
    with LOG_LOCK:
        with open(LOGFILE, 'a') as f:
            f.write(line + '\n')


def bench_feed(n):
    """RSS 2.0, 50 stories of a few paragraphs each, the same for the same n."""
    items = []
    for i in range(50):
        paras = ''.join(
            '<p>Paragraph %d of story %d in feed %d. The harbour board met on Monday '
            'to talk about the ferry, the quay and the fish market. "We will see," '
            'said Councillor Ann Berg %d.</p>' % (k, i, n, n) for k in range(4))
        items.append(
            '<item><title>Feed %d story %d: the harbour board meets</title>'
            '<link>http://127.0.0.1/feeds/%d/story-%d</link>'
            '<guid>http://127.0.0.1/feeds/%d/story-%d</guid>'
            '<pubDate>Mon, %02d Apr 2024 %02d:%02d:00 GMT</pubDate>'
            '<dc:creator>Reporter %d</dc:creator><category>Harbour</category>'
            '<description>Story %d of feed %d.</description>'
            '<content:encoded><![CDATA[%s]]></content:encoded></item>'
            % (n, i, n, i, n, i, 1 + i % 28, i % 24, n % 60, n, i, n, paras))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            '<title>Bench Feed %d</title><link>http://127.0.0.1/</link>'
            '<description>generated</description>%s</channel></rss>\n'
            % (n, ''.join(items))).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    disable_nagle_algorithm = True
    sent = 0

    def log_message(self, fmt, *args):
        pass

    def record(self, status):
        h = self.headers
        log('%s %s %d inm=%s ims=%s ae=%s ua=%s bytes=%d' % (
            self.command, self.path, status, h.get('If-None-Match', '-'),
            h.get('If-Modified-Since', '-'), h.get('Accept-Encoding', '-'),
            h.get('User-Agent', '-'), self.sent))

    def reply(self, status, body=b'', headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        if status != 304:
            self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        if status != 304 and self.command != 'HEAD':
            self.wfile.write(body)
            self.sent = len(body)
        self.record(status)

    def serve_file(self, name, validators=True, encoding=None, ctype=None):
        path = os.path.join(ROOT, name)
        if '..' in name.split('/') or not os.path.isfile(path):
            return self.reply(404, b'not found\n', [('Content-Type', 'text/plain')])
        if os.path.exists(path + '.429'):
            return self.reply(429, b'slow down\n', [('Retry-After', '120')])
        with open(path, 'rb') as f:
            data = f.read()
        ext = os.path.splitext(name)[1]
        headers = [('Content-Type', ctype or TYPES.get(ext, 'application/xml'))]
        if validators:
            etag = '"%s"' % hashlib.sha1(data).hexdigest()[:16]
            mtime = os.path.getmtime(path)
            lm = email.utils.formatdate(mtime, usegmt=True)
            headers += [('ETag', etag), ('Last-Modified', lm)]
            inm = self.headers.get('If-None-Match')
            if inm is not None and inm == etag:
                return self.reply(304, b'', headers)
        if encoding == 'gzip':
            data = gzip.compress(data)
            headers.append(('Content-Encoding', 'gzip'))
        self.reply(200, data, headers)

    def big(self, mib):
        total = mib * 1024 * 1024
        self.send_response(200)
        self.send_header('Content-Type', 'application/rss+xml')
        self.send_header('Content-Length', str(total))
        self.end_headers()
        head = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title><!--'
        chunk = b'x' * 65536
        sent = 0
        try:
            self.wfile.write(head)
            sent = len(head)
            while sent < total:
                n = min(len(chunk), total - sent)
                self.wfile.write(chunk[:n])
                sent += n
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.sent = sent
        self.record(200)

    def do_GET(self):
        p = self.path.split('?', 1)[0]
        parts = p.strip('/').split('/')
        if parts[0] == 'f' and len(parts) > 1:
            return self.serve_file('/'.join(parts[1:]))
        if parts[0] == 'plain' and len(parts) > 1:
            return self.serve_file('/'.join(parts[1:]), validators=False)
        if parts[0] == 'gzip' and len(parts) > 1:
            return self.serve_file('/'.join(parts[1:]), validators=False, encoding='gzip')
        if parts[0] == 'type' and len(parts) > 2:
            return self.serve_file('/'.join(parts[2:]), validators=False,
                                   ctype=parts[1].replace('~', '/'))
        if parts[0] == 'redirect' and len(parts) > 2:
            n = int(parts[1])
            rest = '/'.join(parts[2:])
            to = '/f/%s' % rest if n <= 1 else '/redirect/%d/%s' % (n - 1, rest)
            return self.reply(302, b'moved\n', [('Location', to)])
        if parts[0] == 'status' and len(parts) == 2:
            code = int(parts[1])
            return self.reply(code, b'status %d\n' % code, [('Content-Type', 'text/plain')])
        if parts[0] == 'retry' and len(parts) == 2:
            return self.reply(429, b'slow down\n', [('Retry-After', parts[1])])
        if parts[0] == 'unavailable':
            when = email.utils.formatdate(time.time() + 120, usegmt=True)
            return self.reply(503, b'later\n', [('Retry-After', when)])
        if parts[0] == 'slow' and len(parts) > 2:
            STOP.wait(float(parts[1]))
            return self.serve_file('/'.join(parts[2:]), validators=False)
        if parts[0] == 'hang':
            self.record(0)
            STOP.wait(600)
            return
        if parts[0] == 'big' and len(parts) == 2:
            return self.big(int(parts[1]))
        if parts[0] == 'feeds' and len(parts) == 2 and parts[1].endswith('.xml'):
            data = bench_feed(int(parts[1][:-4]))
            etag = '"bench-%s"' % hashlib.sha1(data).hexdigest()[:12]
            if self.headers.get('If-None-Match') == etag:
                return self.reply(304, b'', [('ETag', etag)])
            return self.reply(200, data, [('Content-Type', 'application/rss+xml'),
                                          ('ETag', etag)])
        if parts[0] == 'stop':
            self.reply(200, b'bye\n')
            threading.Thread(target=self.server.shutdown, daemon=True).start()
            return
        self.reply(404, b'not found\n', [('Content-Type', 'text/plain')])


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64


def main():
    srv = Server(('127.0.0.1', 0), Handler)
    tmp = PORTFILE + '.tmp'
    with open(tmp, 'w') as f:
        f.write('%d\n' % srv.server_address[1])
    os.rename(tmp, PORTFILE)
    try:
        srv.serve_forever(poll_interval=0.1)
    finally:
        STOP.set()


if __name__ == '__main__':
    main()
