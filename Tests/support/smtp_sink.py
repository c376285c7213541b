#!/usr/bin/env python3
"""A controllable SMTP server for tests: accepts mail into a folder, or fails on request.

Usage:
    python3 Tests/support/smtp_sink.py --port PORT --maildir DIR
        [--fail-first N] [--temp-fail-rcpt REGEX] [--reject-rcpt REGEX]
        [--tls-cert CERT.pem --tls-key KEY.pem]

Behaviour (this is an interface: the Swift MailTests and the Python end-to-end tests rely on it):

- Listens on 127.0.0.1:PORT (plain SMTP, ESMTP with 8BITMIME and SMTPUTF8). Any MAIL FROM is accepted.
- Prints the single line ``ready`` on stdout (flushed) once it accepts connections; nothing else goes
  to stdout. One line per event goes to stderr. If it cannot listen (port in use), it exits with a
  non-zero status before printing ``ready``.
- Each accepted message is written as ``DIR/<n>.eml``, n = 1, 2, 3, ... in the order of acceptance
  (DIR is created if needed). Files appear atomically: written as ``DIR/.<n>.eml.tmp``, then renamed,
  so a reader that lists ``*.eml`` never sees half a message. The file holds the message exactly as
  received (CRLF line endings, dot-stuffing undone), preceded by the trace fields a delivering MTA adds:
  ``Return-Path: <envelope sender>`` and one ``Delivered-To: <address>`` per accepted recipient.
- ``--fail-first N``: the first N DATA transactions (counted over all connections) are answered
  ``451 4.3.0 try again later`` at the end of the message data, and nothing is written; later ones
  are accepted. Recipients refused below do not count.
- ``--temp-fail-rcpt REGEX``: RCPT TO for an address matching REGEX (``re.search`` on the bare
  address, case-sensitive) is answered ``451 4.3.0 try again later``.
- ``--reject-rcpt REGEX``: RCPT TO for an address matching REGEX is answered
  ``550 5.1.1 mailbox unavailable``. Checked before --temp-fail-rcpt.
- ``--tls-cert FILE --tls-key FILE`` (PEM, both or neither): STARTTLS is offered (not required).
  Without them, EHLO does not offer STARTTLS.
- SIGTERM (or SIGINT) stops the server and exits with status 0.

Needs Python 3.11+ and aiosmtpd (``pip install aiosmtpd``).
"""

import argparse
import asyncio
import os
import re
import signal
import ssl
import sys

try:
    from aiosmtpd.smtp import SMTP
except ImportError:  # pragma: no cover - reported to the test that started us
    print("smtp_sink.py needs the Python package aiosmtpd: pip install aiosmtpd", file=sys.stderr)
    sys.exit(3)

TEMPORARY = "451 4.3.0 try again later"
REJECTED = "550 5.1.1 mailbox unavailable"


def log(text):
    print(f"smtp_sink: {text}", file=sys.stderr, flush=True)


class SinkHandler:
    """aiosmtpd handler: decides RCPT replies and stores or refuses each message."""

    def __init__(self, maildir, fail_first, temp_fail_rcpt, reject_rcpt):
        self.maildir = maildir
        self.fail_first = fail_first
        self.temp_fail_rcpt = temp_fail_rcpt
        self.reject_rcpt = reject_rcpt
        self.data_transactions = 0
        self.stored = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject_rcpt and self.reject_rcpt.search(address):
            log(f"RCPT {address}: {REJECTED}")
            return REJECTED
        if self.temp_fail_rcpt and self.temp_fail_rcpt.search(address):
            log(f"RCPT {address}: {TEMPORARY}")
            return TEMPORARY
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        self.data_transactions += 1
        if self.data_transactions <= self.fail_first:
            log(f"DATA #{self.data_transactions}: {TEMPORARY} (--fail-first {self.fail_first})")
            return TEMPORARY
        self.stored += 1
        n = self.stored
        trace = f"Return-Path: <{envelope.mail_from}>\r\n"
        trace += "".join(f"Delivered-To: {rcpt}\r\n" for rcpt in envelope.rcpt_tos)
        content = envelope.original_content
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogateescape")
        temporary = os.path.join(self.maildir, f".{n}.eml.tmp")
        final = os.path.join(self.maildir, f"{n}.eml")
        with open(temporary, "wb") as file:
            file.write(trace.encode("utf-8") + content)
            file.flush()
            os.fsync(file.fileno())
        os.rename(temporary, final)
        log(f"DATA #{self.data_transactions}: stored {final}")
        return "250 2.0.0 OK: queued as " + str(n)


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description="Controllable SMTP sink for tests.")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--fail-first", type=int, default=0, metavar="N")
    parser.add_argument("--temp-fail-rcpt", type=re.compile, metavar="REGEX")
    parser.add_argument("--reject-rcpt", type=re.compile, metavar="REGEX")
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    arguments = parser.parse_args(argv)
    if bool(arguments.tls_cert) != bool(arguments.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    return arguments


async def serve(arguments):
    os.makedirs(arguments.maildir, exist_ok=True)
    handler = SinkHandler(arguments.maildir, arguments.fail_first, arguments.temp_fail_rcpt, arguments.reject_rcpt)
    tls_context = None
    if arguments.tls_cert:
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(arguments.tls_cert, arguments.tls_key)

    def factory():
        return SMTP(handler, hostname="smtp-sink.test", decode_data=False, enable_SMTPUTF8=True,
                    tls_context=tls_context, require_starttls=False)

    loop = asyncio.get_running_loop()
    try:
        server = await loop.create_server(factory, host="127.0.0.1", port=arguments.port)
    except OSError as error:
        raise CannotListen(error) from error
    stop = asyncio.Event()
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signal_number, stop.set)
    # A parent that starts us from a thread with signals blocked (libdispatch worker threads do, and
    # posix_spawn keeps the mask) would leave SIGTERM pending forever; take it in explicitly.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    print("ready", flush=True)
    log(f"listening on 127.0.0.1:{arguments.port}, writing to {arguments.maildir}"
        + (", STARTTLS offered" if tls_context else ""))
    await stop.wait()
    server.close()
    # wait_closed() also waits for open client connections (Python ≥ 3.11.5); a client that keeps
    # its connection must not keep the sink alive, so the wait is bounded.
    try:
        await asyncio.wait_for(server.wait_closed(), timeout=2)
    except asyncio.TimeoutError:
        log("stopped with client connections still open")
    log("stopped")


class CannotListen(Exception):
    pass


def main(argv=None):
    arguments = parse_arguments(argv)
    try:
        asyncio.run(serve(arguments))
    except CannotListen as error:
        log(f"cannot listen on 127.0.0.1:{arguments.port}: {error}")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
