"""No passport or document number in the access log (issue 20, medium 8)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from gunicorn.config import Config
from gunicorn.glogging import Logger

from corridor.core.management.commands.serve import ACCESS_LOG_FORMAT, Command


def _line(fmt: str) -> str:
    logger = Logger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/api/v1/people/?document_number=AN1234567",
        "PATH_INFO": "/api/v1/people/",
        "QUERY_STRING": "document_number=AN1234567",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": "http://127.0.0.1/en/registration/?passport_number=AC7654321",
        "HTTP_USER_AGENT": "probe",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[("X-Request-ID", "abc123")])
    atoms = logger.atoms(response, [], environ, dt.timedelta(milliseconds=5))
    return fmt % atoms


def test_the_default_gunicorn_format_would_leak_the_number():
    # the reproduction: what the log held before
    assert "AN1234567" in _line(Logger(Config()).cfg.access_log_format)


def test_the_access_log_keeps_path_status_and_request_id_but_no_query_or_referrer():
    line = _line(ACCESS_LOG_FORMAT)
    assert "AN1234567" not in line and "AC7654321" not in line
    assert '"GET /api/v1/people/ HTTP/1.1" 200' in line and "abc123" in line


def test_serve_uses_the_redacted_format(monkeypatch):
    seen = {}
    monkeypatch.setattr("os.execv", lambda exe, argv: seen.setdefault("argv", argv))
    Command().handle(host="127.0.0.1", port=8999, workers=1)
    argv = seen["argv"]
    assert argv[argv.index("--access-logformat") + 1] == ACCESS_LOG_FORMAT
