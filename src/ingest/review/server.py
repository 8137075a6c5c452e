"""The review page: a small local web app (standard-library WSGI) for the quarantine.

It lists open failures, shows each with its article and the evidence highlighted, and records
accept / reject / correct decisions through `ingest.review.decisions`, the same functions the CLI calls.
Forms carry a per-session token (cookie + hidden field), requests must come to the address the
server was bound to, and pages allow no scripts and load nothing from elsewhere. The warehouse is
opened per request and closed before the response, so a run in another process can write.
"""

from __future__ import annotations

import hmac
import html
import re
import secrets
import socketserver
import sys
import threading
import urllib.parse
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from ingest.errors import NewsfactsError, ReviewError, TransientError, UnknownFailure
from ingest.review import decisions as review
from ingest.review import forms
from ingest.review.highlight import article_html, evidence_html
from ingest.store.queries import open_failures

COOKIE = "newsfacts_review"
MAX_BODY = 64 * 1024
MAX_SESSIONS = 500
_FAILURE_PATH = re.compile(r"/failure/([0-9a-f]{16})")
_HEADERS = [
    (
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'",
    ),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-store"),
]
StartResponse = Callable[[str, list[tuple[str, str]]], Any]


@dataclass
class Session:
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    flash: str | None = None


@dataclass
class Page:
    status: str
    body: str
    headers: list[tuple[str, str]] = field(default_factory=list)


class ReviewApp:
    """The WSGI application. `allowed_hosts` are the Host headers it answers (None: any)."""

    def __init__(
        self,
        db: str | Path,
        by: str,
        allowed_hosts: set[str] | None = None,
        after: review.AfterDecision | None = None,
    ) -> None:
        self.db = Path(db)
        self.by = by
        self.allowed_hosts = allowed_hosts
        self.after = after  # runs in a decision's transaction when it loaded a fact (the events)
        self.sessions: OrderedDict[str, Session] = OrderedDict()
        # one request at a time: decisions are short, and DuckDB wants one connection per process
        self.lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        with self.lock:
            sid, session, fresh = self._session(environ)
            try:
                page = self._route(environ, session)
            except TransientError as e:
                page = _error("503 Service Unavailable", str(e))
            except NewsfactsError as e:
                page = _error("400 Bad Request", str(e))
            except Exception as e:  # never a traceback in the browser; one line on the console
                print(f"review-server: {type(e).__name__}: {e}", file=sys.stderr)
                page = _error("500 Internal Server Error", "something went wrong; see the server's console")
        headers = [("Content-Type", "text/html; charset=utf-8"), *_HEADERS, *page.headers]
        if fresh:
            headers.append(("Set-Cookie", f"{COOKIE}={sid}; HttpOnly; SameSite=Strict; Path=/"))
        body = page.body.encode("utf-8")
        headers.append(("Content-Length", str(len(body))))
        start_response(page.status, headers)
        return [body]

    def _session(self, environ: dict[str, Any]) -> tuple[str, Session, bool]:
        cookie = SimpleCookie(environ.get("HTTP_COOKIE", ""))
        sid = cookie[COOKIE].value if COOKIE in cookie else ""
        if sid in self.sessions:
            self.sessions.move_to_end(sid)
            return sid, self.sessions[sid], False
        sid = secrets.token_urlsafe(24)
        self.sessions[sid] = Session()
        while len(self.sessions) > MAX_SESSIONS:
            self.sessions.popitem(last=False)
        return sid, self.sessions[sid], True

    def _route(self, environ: dict[str, Any], session: Session) -> Page:
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
        host = environ.get("HTTP_HOST", "")
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            return _error(
                "421 Misdirected Request", f"this review page answers only at {sorted(self.allowed_hosts)[0]}"
            )
        match = _FAILURE_PATH.fullmatch(path)
        if method == "GET" and path == "/":
            query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
            return self._index(session, (query.get("check") or [None])[0])
        if method == "GET" and match:
            return self._detail(session, match.group(1))
        if method == "POST" and match:
            refused = self._refuse_cross_site(environ, session, host)
            return refused or self._decide(environ, session, match.group(1))
        if path == "/" or match:
            return Page(
                "405 Method Not Allowed",
                _layout("Not allowed", "<p>That method is not allowed here.</p>"),
                [("Allow", "GET" if path == "/" else "GET, POST")],
            )
        return _error("404 Not Found", "there is no such page")

    # --- pages ----------------------------------------------------------------------------------

    def _index(self, session: Session, check: str | None) -> Page:
        if check is not None and not re.fullmatch(r"[a-z_:]{1,80}", check):
            check = None
        rows = open_failures(self.db, "open", check)
        flash, session.flash = session.flash, None
        items = "".join(
            f'<tr><td><a class="open-failure" href="/failure/{_e(r["id"])}">{_e(r["id"])}</a></td>'
            f'<td><a href="/?check={_e(urllib.parse.quote(r["check"]))}"><code>{_e(r["check"])}</code></a></td>'
            f"<td>{_e(r['message'])}</td><td>{_e(r['title'] or r['source'] or r['article_id'])}</td>"
            f"<td>{evidence_html(r['fact']['evidence'], r['fact']['value'], r['fact'].get('value_max'))}</td></tr>"
            for r in rows
        )
        body = _flash(flash) + (
            f'<p>Only <code>{_e(check)}</code> · <a href="/">all checks</a></p>' if check else ""
        )
        if rows:
            body += (
                f'<p id="count">{len(rows)} open failure{"s" if len(rows) != 1 else ""}</p>'
                "<table><tr><th>id</th><th>check</th><th>why</th><th>article</th><th>evidence</th></tr>"
                f"{items}</table>"
            )
        else:
            body += '<p id="count">No open failures: nothing is waiting for review.</p>'
        return Page("200 OK", _layout("Open failures", body))

    def _detail(self, session: Session, qid: str, error: str | None = None, status: str = "200 OK") -> Page:
        try:
            f = review.failure_detail(self.db, qid)
        except UnknownFailure:
            return _error("404 Not Found", f"there is no failure {qid}")
        fact = f["fact"]
        text = f["text"] or ""
        article = (
            article_html(
                text,
                fact.get("evidence") or "",
                fact.get("evidence_start") or 0,
                fact.get("evidence_end") or 0,
                fact["value"],
                fact.get("value_max"),
            )
            if text
            else "<p>(the article is no longer in the warehouse)</p>"
        )
        event = review.is_event_value(fact)
        shown = ("event_id", "n_reports", "n_values") if event else ("fact_id", "origin")
        facts_table = "".join(
            f"<tr><th>{_e(k)}</th><td>{_e('' if fact.get(k) is None else str(fact.get(k)))}</td></tr>"
            for k in (*forms.CORRECTABLE, *shown)
            if k in fact
        )
        others = "".join(
            f'<li><a href="/failure/{_e(o["id"])}"><code>{_e(o["check"])}</code></a> ({_e(o["status"])}): '
            f"{_e(o['message'])}</li>"
            for o in f["other_checks"]
        )
        body = (
            _flash(session.flash if error is None else None)
            + (f'<p class="error" id="error">{_e(error)}</p>' if error else "")
            + f'<p><a href="/">← all open failures</a></p>'
            f'<h2><code>{_e(f["check"])}</code></h2><p class="message"><b>{_e(f["message"])}</b></p>'
            + (f"<p>Same fact, other checks:</p><ul>{others}</ul>" if others else "")
            + f'<p>status: <b id="status">{_e(f["status"])}</b>{_decision_note(f["decision"])}</p>'
            + f"<h3>{_e(f['title'] or f['source'] or f['article_id'])}</h3>"
            + f'<p class="meta">{_e(f["source"] or "")} · published {_e(str(f["published_at"] or "unknown"))}</p>'
            + f'<div class="article">{article}</div>'
            + f'<h3>{"The event value" if event else "The fact"}</h3><table class="fact">{facts_table}</table>'
            + (self._forms(session, f, correctable=not event) if f["status"] == "open" else "")
        )
        session.flash = None
        return Page(status, _layout(f"Failure {qid}", body))

    def _forms(self, session: Session, f: dict[str, Any], correctable: bool = True) -> str:
        qid, token = _e(f["id"]), _e(session.token)
        common = (
            f'<input type="hidden" name="csrf" value="{token}">'
            f'<label>note <input name="note" maxlength="{forms.MAX_NOTE}"></label> '
            f'<label>reviewer <input name="by" value="{_e(self.by)}" maxlength="{forms.MAX_BY}" required></label> '
        )
        fields = "".join(
            f'<label>{_e(k)} <input name="f_{k}" value="{_e("" if f["fact"].get(k) is None else str(f["fact"][k]))}"'
            f' maxlength="{forms.MAX_TEXT_FIELD}"></label> '
            for k in forms.CORRECTABLE
        )
        correct = (
            f'<form method="post" action="/failure/{qid}" class="decide"><fieldset><legend>Correct</legend>'
            f'{fields}<br>{common}<button name="action" value="correct" id="correct">Correct and re-validate</button>'
            "</fieldset></form>"
        )
        return (
            '<div class="forms">'
            f'<form method="post" action="/failure/{qid}" class="decide">{common}'
            '<button name="action" value="accept" id="accept">Accept: it was right</button> '
            '<button name="action" value="reject" id="reject">Reject: keep it out</button></form>'
            f"{correct if correctable else ''}</div>"
        )

    # --- decisions ------------------------------------------------------------------------------

    def _refuse_cross_site(self, environ: dict[str, Any], session: Session, host: str) -> Page | None:
        origin = environ.get("HTTP_ORIGIN")
        if origin and origin != "null" and urllib.parse.urlsplit(origin).netloc != host:
            return _error("403 Forbidden", "a form from another site cannot make decisions here")
        form = _form(environ)
        if form is None:
            return _error("413 Content Too Large", "the form is too large")
        environ["newsfacts.form"] = form
        sent = form.get("csrf", "")
        if not sent or not hmac.compare_digest(sent.encode(), session.token.encode()):
            return _error(
                "403 Forbidden", "the form's token is missing or stale: reload the page and try again"
            )
        return None

    def _decide(self, environ: dict[str, Any], session: Session, qid: str) -> Page:
        form: dict[str, str] = environ["newsfacts.form"]
        action = form.get("action", "")
        try:
            changes: dict[str, Any] = {}
            if action == "correct":
                current = review.failure_detail(self.db, qid)["fact"]
                pairs = [
                    f"{k}={form[f'f_{k}']}"
                    for k in forms.CORRECTABLE
                    if f"f_{k}" in form
                    and form[f"f_{k}"].strip() != ("" if current.get(k) is None else str(current[k]))
                ]
                changes = forms.parse_changes(pairs)
            decision = review.decide(
                self.db, qid, action, form.get("by") or self.by, form.get("note"), changes, self.after
            )
        except UnknownFailure:
            return _error("404 Not Found", f"there is no failure {qid}")
        except ReviewError as e:
            return self._detail(session, qid, error=str(e), status="400 Bad Request")
        session.flash = decision.summary()
        target = f"/failure/{decision.still_failing[0][0]}" if decision.still_failing else "/"
        return Page("303 See Other", "", [("Location", target)])


def _form(environ: dict[str, Any]) -> dict[str, str] | None:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY:
        return None
    raw = environ["wsgi.input"].read(length).decode("utf-8", errors="replace") if length > 0 else ""
    return {k: v[0] for k, v in urllib.parse.parse_qs(raw, keep_blank_values=True).items()}


def _e(s: str) -> str:
    return html.escape(s, quote=True)


def _flash(message: str | None) -> str:
    return f'<p class="flash" id="flash">{_e(message)}</p>' if message else ""


def _decision_note(d: dict[str, Any] | None) -> str:
    if not d:
        return ""
    note = f" — “{_e(d['note'])}”" if d["note"] else ""
    return f" ({_e(d['action'])} by {_e(d['decided_by'])} at {d['decided_at']:%Y-%m-%d %H:%M} UTC{note})"


def _error(status: str, message: str) -> Page:
    return Page(
        status,
        _layout(
            status.split(" ", 1)[1],
            f'<p class="error" id="error">{_e(message)}</p><p><a href="/">← all open failures</a></p>',
        ),
    )


_CSS = """
body{font:15px/1.45 system-ui,sans-serif;color:#1d2329;max-width:1100px;margin:1.5rem auto;padding:0 1rem}
table{border-collapse:collapse;width:100%;font-size:.9rem} th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eceff1;vertical-align:top}
table.fact{width:auto} mark.number{background:#ffd54f;font-weight:600} mark.evidence{background:#fff3c4}
.article{white-space:pre-wrap;border:1px solid #dde1e5;border-radius:4px;padding:.8rem;max-width:70ch}
.flash{background:#e8f5e9;border:1px solid #a5d6a7;padding:.5rem} .error{background:#fdecea;border:1px solid #f5b7b1;padding:.5rem}
.forms form{margin:.8rem 0} label{display:inline-block;margin:.2rem .6rem .2rem 0} code{font-family:ui-monospace,monospace}
.meta{color:#5b6670}
"""


def _layout(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{_e(title)} · newsfacts review</title><style>{_CSS}</style></head>"
        f"<body><h1>{_e(title)}</h1>{body}</body></html>"
    )


# --- serving ------------------------------------------------------------------------------------


class _Server(socketserver.ThreadingMixIn, WSGIServer):
    """Threads accept connections (a browser's idle extra sockets must not block the others);
    the app itself handles one request at a time."""

    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        sys.stderr.write(f"review-server: {self.command} {self.path} → {args[1] if len(args) > 1 else ''}\n")


def make_review_server(
    db: str | Path,
    by: str,
    host: str = "127.0.0.1",
    port: int = 8765,
    after: review.AfterDecision | None = None,
) -> WSGIServer:
    """A server for the review page, bound but not yet serving (`port=0` picks a free port). It
    answers only requests whose Host is the address it is bound to (loopback: any of its names),
    whatever that address is, so that a page of another site cannot reach it by DNS rebinding."""
    server = make_server(
        host, port, ReviewApp(db, by, after=after), server_class=_Server, handler_class=_QuietHandler
    )
    bound = server.server_address[1]
    app = server.get_app()
    assert isinstance(app, ReviewApp)
    if host in ("127.0.0.1", "localhost", "::1"):
        app.allowed_hosts = {f"127.0.0.1:{bound}", f"localhost:{bound}", f"[::1]:{bound}"}
    else:
        app.allowed_hosts = {f"[{host}]:{bound}" if ":" in host else f"{host}:{bound}"}
    return server
