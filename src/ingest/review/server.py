"""The review page: a small local web app (Starlette, served by uvicorn) for the quarantine.

It lists open review items — the failures of one event under one check, with counts per check
and a filter — shows each item's facts and sentences side by side, and records accept / reject /
correct decisions through `ingest.review.decisions`, the functions the CLI calls, then goes on to
the next open item. Forms carry a per-session token (cookie + hidden field, our own guard),
requests must come to the address the server was bound to, and pages allow no scripts and load
nothing from elsewhere. The warehouse is opened per request and closed before the response.
"""

from __future__ import annotations

import hmac
import re
import secrets
import socket
import sys
import threading
import urllib.parse
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ingest.errors import NewsfactsError, ReviewError, TransientError, UnknownFailure
from ingest.review import decisions as review
from ingest.review import forms, items, pages
from ingest.review.reopen import reopen
from ingest.review.review_view import correction_fields, failure_view, item_view

Endpoint = Callable[[Request], Awaitable[Response]]
COOKIE = "newsfacts_review"
MAX_BODY = 64 * 1024
MAX_SESSIONS = 500
_ID = re.compile(r"[0-9a-f]{16}")
_CHECK = re.compile(r"[a-z_:]{1,80}")
_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass
class Session:
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    flash: str | None = None


class ReviewApp:
    """The page's routes and sessions. `allowed_hosts`: the Host headers it answers (None: any)."""

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
        routes = [
            Route("/", self._guarded(self.index), methods=["GET"]),
            Route("/failure/{qid}", self._guarded(self.failure), methods=["GET", "POST"]),
        ]
        handlers = {HTTPException: self._http_error}
        self.starlette = Starlette(routes=routes, exception_handlers=handlers)
        self.asgi: ASGIApp = _Guard(self.starlette, self)

    # --- pages ----------------------------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        session = self._session(request)
        check = request.query_params.get("check") or None
        if check is not None and not _CHECK.fullmatch(check):
            check = None
        shown = items.open_items(self.db, check)
        flash, session.flash = session.flash, None
        return self._page(
            request,
            "review_index.html.j2",
            title="Open review items",
            items=[item_view(i) for i in shown],
            n_failures=sum(len(i.failures) for i in shown),
            counts=items.counts_by_check(self.db),
            check=check,
            flash=flash,
        )

    async def failure(self, request: Request) -> Response:
        qid = request.path_params["qid"]
        if not _ID.fullmatch(qid):
            raise HTTPException(404, "there is no such page")
        session = self._session(request)
        if request.method == "GET":
            return self._detail(request, session, qid)
        form = await self._form(request, session)
        if isinstance(form, Response):
            return form
        return self._decide(request, session, qid, form)

    def _detail(
        self,
        request: Request,
        session: Session,
        qid: str,
        error: str | None = None,
        typed: dict[str, str] | None = None,
        status: int = 200,
    ) -> Response:
        try:
            detail = items.failure_detail(self.db, qid)
        except UnknownFailure as e:
            raise HTTPException(404, f"there is no failure {qid}") from e
        item = items.item_of(self.db, qid) if detail["status"] == "open" else None
        flash = None if error else session.flash
        session.flash = None
        vocabulary = items.vocabulary(self.db) if item is not None and not item.is_event else {}
        return self._page(
            request,
            "review_item.html.j2",
            status=status,
            title=f"Review item {item.id if item else qid}",
            item=item_view(item) if item else None,
            failure=failure_view(detail),
            fields={
                f["id"]: correction_fields(f["fact"], vocabulary, typed if f["id"] == qid else None)
                for f in (item.failures if item else [])
            },
            error=error,
            flash=flash,
            by=self.by,
            token=session.token,
            max_note=forms.MAX_NOTE,
            max_by=forms.MAX_BY,
        )

    # --- decisions ------------------------------------------------------------------------------

    def _decide(self, request: Request, session: Session, qid: str, form: dict[str, str]) -> Response:
        action = form.get("action", "")
        by, note = form.get("by") or self.by, form.get("note")
        item = items.item_of(self.db, qid)
        try:
            if action == "reopen":
                session.flash = reopen(self.db, qid, by, note, self.after).summary()
                return RedirectResponse(f"/failure/{qid}", 303)
            if action == "correct":
                current = items.failure_detail(self.db, qid)["fact"]
                pairs = [
                    f"{k}={form[f'f_{k}']}"
                    for k in forms.CORRECTABLE
                    if f"f_{k}" in form
                    and form[f"f_{k}"].strip() != ("" if current.get(k) is None else str(current[k]))
                ]
                changes = forms.parse_changes(pairs)
                made = [review.decide(self.db, qid, action, by, note, changes, self.after)]
                others = [i for i in (item.ids if item else []) if i != qid]
                if made[0].outcome == "loaded" and others:
                    made += review.settle(self.db, others, by, qid, self.after)
            elif action in ("accept", "reject"):
                # the item is the unit of review: the decision covers each of its open failures
                made = []
                for one in item.ids if item else [qid]:
                    if items.failure_detail(self.db, one)["status"] == "open":
                        made.append(review.decide(self.db, one, action, by, note, after=self.after))
            else:
                made = [review.decide(self.db, qid, action, by, note)]  # refused with its reason
        except UnknownFailure as e:
            raise HTTPException(404, f"there is no failure {qid}") from e
        except ReviewError as e:
            return self._detail(request, session, qid, error=str(e), typed=form, status=400)
        session.flash = " · ".join(d.summary() for d in made)
        failing = [q for d in made for q, _, _ in d.still_failing]
        if failing:
            return RedirectResponse(f"/failure/{failing[0]}", 303)
        following = items.next_item(self.db, after=[*(item.ids if item else []), qid])
        return RedirectResponse(f"/failure/{following.id}" if following else "/", 303)

    async def _form(self, request: Request, session: Session) -> dict[str, str] | Response:
        """The posted form, or the refusal: from another site, too large, or without the token."""
        origin = request.headers.get("origin")
        host = request.headers.get("host", "")
        if origin and origin != "null" and urllib.parse.urlsplit(origin).netloc != host:
            return self._error(request, 403, "a form from another site cannot make decisions here")
        try:
            declared = int(request.headers.get("content-length") or 0)
        except ValueError:
            declared = 0
        body = b"" if declared > MAX_BODY else await request.body()
        if declared > MAX_BODY or len(body) > MAX_BODY:
            return self._error(request, 413, "the form is too large")
        raw = body.decode("utf-8", errors="replace")
        form = {k: v[0] for k, v in urllib.parse.parse_qs(raw, keep_blank_values=True).items()}
        sent = form.get("csrf", "")
        if not sent or not hmac.compare_digest(sent.encode(), session.token.encode()):
            return self._error(
                request, 403, "the form's token is missing or stale: reload the page and try again"
            )
        return form

    # --- plumbing -------------------------------------------------------------------------------

    def _session(self, request: Request) -> Session:
        sid = request.cookies.get(COOKIE, "")
        if sid in self.sessions:
            self.sessions.move_to_end(sid)
            return self.sessions[sid]
        sid = secrets.token_urlsafe(24)
        self.sessions[sid] = Session()
        while len(self.sessions) > MAX_SESSIONS:
            self.sessions.popitem(last=False)
        request.state.new_session = sid
        return self.sessions[sid]

    def _page(self, request: Request, template: str, status: int = 200, **context: Any) -> Response:
        response = HTMLResponse(pages.render(template, **context), status_code=status)
        sid = getattr(request.state, "new_session", None)
        if sid:
            response.set_cookie(COOKIE, sid, httponly=True, samesite="strict", path="/")
        return response

    def _error(
        self, request: Request, status: int, message: str, headers: dict[str, str] | None = None
    ) -> Response:
        response = self._page(
            request,
            "review_error.html.j2",
            status=status,
            message=message,
            title=_REASONS.get(status, "Error"),
        )
        response.headers.update(headers or {})
        return response

    async def _http_error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 405:
            allow = "GET" if request.url.path == "/" else "GET, POST"
            return self._error(request, 405, "that method is not allowed here", {"Allow": allow})
        detail = (
            exc.detail if exc.status_code != 404 or exc.detail != "Not Found" else "there is no such page"
        )
        return self._error(request, exc.status_code, detail)

    def _guarded(self, endpoint: Endpoint) -> Endpoint:
        """The endpoint, with our errors as pages: busy (503), refused (400), a bug (500, one
        line on the console and never a traceback in the page)."""

        async def guarded(request: Request) -> Response:
            try:
                return await endpoint(request)
            except HTTPException:
                raise
            except TransientError as e:
                return self._error(request, 503, str(e))
            except NewsfactsError as e:
                return self._error(request, 400, str(e))
            except Exception as e:
                print(f"review-server: {type(e).__name__}: {e}", file=sys.stderr)
                return self._error(request, 500, "something went wrong; see the server's console")

        return guarded


_REASONS = {
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Content Too Large",
    421: "Misdirected Request",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


class _Guard:
    """ASGI middleware: answer only the Host names the server was bound for (against DNS
    rebinding), and add the security headers to every response."""

    def __init__(self, app: ASGIApp, review_app: ReviewApp) -> None:
        self.app, self.review = app, review_app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).update(_HEADERS)
            await send(message)

        allowed = self.review.allowed_hosts
        host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
        if allowed is not None and host not in allowed:
            body = pages.render(
                "review_error.html.j2",
                title="Misdirected Request",
                message=f"this review page answers only at {sorted(allowed)[0]}",
            )
            await HTMLResponse(body, status_code=421)(scope, receive, with_headers)
            return
        await self.app(scope, receive, with_headers)


class ReviewServer:
    """The page served by uvicorn on a socket bound at once (`port=0`: a free port), with the
    calls of a standard-library server: `serve_forever`, `shutdown`, `server_close`."""

    def __init__(self, app: ReviewApp, host: str, port: int) -> None:
        self.app = app
        self.socket = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self.socket.bind((host, port))
            self.socket.listen(128)  # connections wait in the backlog until uvicorn has started
        except OSError:
            self.socket.close()
            raise
        self.server_address: tuple[str, int] = self.socket.getsockname()[:2]
        config = uvicorn.Config(
            app.asgi, log_config=None, log_level="warning", access_log=False, lifespan="off"
        )
        self.server = uvicorn.Server(config)
        self._stopped = threading.Event()

    def serve_forever(self) -> None:
        try:
            self.server.run(sockets=[self.socket])
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        self.server.should_exit = True
        self._stopped.wait(30)

    def server_close(self) -> None:
        self.socket.close()


def make_review_server(
    db: str | Path,
    by: str,
    host: str = "127.0.0.1",
    port: int = 8765,
    after: review.AfterDecision | None = None,
) -> ReviewServer:
    """A server for the review page, bound but not yet serving (`port=0` picks a free port). It
    answers only requests whose Host is the address it is bound to (loopback: any of its names),
    whatever that address is, so that a page of another site cannot reach it by DNS rebinding."""
    app = ReviewApp(db, by, after=after)
    server = ReviewServer(app, host, port)
    bound = server.server_address[1]
    if host in ("127.0.0.1", "localhost", "::1"):
        app.allowed_hosts = {f"127.0.0.1:{bound}", f"localhost:{bound}", f"[::1]:{bound}"}
    else:
        app.allowed_hosts = {f"[{host}]:{bound}" if ":" in host else f"{host}:{bound}"}
    return server
