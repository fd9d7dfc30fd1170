"""The HTTP service: value, obligation, evaluate, optimise and catalogs under ``/v1``.

Follows the Dutch government API Design Rules (ADR, Logius): the major version in the path
(``/v1``), the full version in an ``API-Version`` response header, no trailing slashes (a path
with one is not found), errors as ``application/problem+json`` (RFC 9457) carrying the library
error's ``code`` and a JSON Pointer (``pointer``) to the offending place, and the OpenAPI 3.1
description at ``/v1/openapi.json``.

Request bodies are read by the library's own document reader, not by FastAPI's body parsing:
exact decimals (never float), duplicate keys refused, size, depth and number limits enforced
before any work (``docs/errors.md``). The request and response schemas in the OpenAPI document
are generated from the same models (:mod:`bouwblokken.schemas`), so they cannot disagree with
the reader. The work is done in a thread pool: the event loop stays free.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from bouwblokken import __version__
from bouwblokken.activity import Activity
from bouwblokken.catalog.model import Catalog, Frozen
from bouwblokken.catalog.registry import Registry, default_registry
from bouwblokken.documents import (
    MAX_DOCUMENT_BYTES,
    LedgerResultDocument,
    ObligationDocument,
    PlansDocument,
    ValuationDocument,
    in_ledger,
    in_options,
    ledger_result_to_dict,
    obligation_to_dict,
    read_json,
    valuation_to_dict,
)
from bouwblokken.errors import (
    BouwblokkenError,
    NoEditionInForceError,
    UnknownCatalogError,
)
from bouwblokken.ledger import Ledger, evaluate
from bouwblokken.locate import located
from bouwblokken.money import DOCUMENT
from bouwblokken.obligation import compute_obligation
from bouwblokken.optimize.plan import PlanRequest, optimise
from bouwblokken.schemas import model_schema
from bouwblokken.tender import Tender
from bouwblokken.valuation import value_activity

__all__ = ["API_VERSION", "PROBLEM", "create_app", "serve"]

OptionalDate = Annotated[date | None, Query()]
OptionalText = Annotated[str | None, Query()]
API_VERSION = "1.0.0"
"""The API's own version (semver; the major is the ``/v1`` in the path)."""
PROBLEM = "application/problem+json"
ERROR_BASE = "https://bouwblokken.github.io/bouwblokken/errors#"


class ValueRequest(Frozen):
    """``POST /v1/value``: one activity under a catalog edition."""

    catalog: str
    """Catalog id or ``id@edition``."""
    on: date | None = None
    """Use the edition in force on this date (default: the latest, or the pinned one)."""
    activity: Activity


class ObligationRequest(Frozen):
    """``POST /v1/obligation``: a tender's terms; the catalog supplies defaults."""

    tender: Tender
    catalog: str | None = None
    """Catalog id or ``id@edition`` for default terms (default: the tender's own, if any)."""
    on: date | None = None


class CatalogSummary(BaseModel):
    """One catalog edition in ``GET /v1/catalogs``."""

    id: str
    edition: str
    key: str
    title_nl: str
    title_en: str
    issuer: str
    effective_from: str | None
    effective_until: str | None
    effective_basis: str
    verified: bool


class Problem(BaseModel):
    """An error (RFC 9457 problem details) with the library's error fields."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    code: str
    pointer: str
    message_nl: str
    message_en: str
    file: str | None = None
    api_version: str = API_VERSION


_BODIES: dict[str, type[BaseModel]] = {
    "ValueRequest": ValueRequest,
    "ObligationRequest": ObligationRequest,
    "Ledger": Ledger,
    "PlanRequest": PlanRequest,
}
_ANSWERS: dict[str, type[BaseModel]] = {
    "ValuationDocument": ValuationDocument,
    "ObligationDocument": ObligationDocument,
    "LedgerResultDocument": LedgerResultDocument,
    "PlansDocument": PlansDocument,
    "CatalogSummary": CatalogSummary,
    "Catalog": Catalog,
    "Problem": Problem,
}


def _components() -> dict[str, Any]:
    """Every request and answer schema, from the reader's models, as OpenAPI components."""
    out: dict[str, Any] = {}
    for name, model in {**_BODIES, **_ANSWERS}.items():
        schema = model_schema(model, ref_template="#/components/schemas/{model}")
        out.update(schema.pop("$defs", {}))
        out[name] = schema
    return out


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _problem_responses() -> dict[int | str, Any]:
    content = {PROBLEM: {"schema": _ref("Problem")}}
    return {
        400: {"description": "Bad input (problem+json with a JSON Pointer)", "content": content},
        404: {"description": "Unknown catalog or edition", "content": content},
        413: {"description": "Document larger than the limit", "content": content},
    }


def _doc_route(body: str, answer: str, summary: str) -> dict[str, Any]:
    return {
        "summary": summary,
        "response_class": JSONResponse,
        "responses": {
            200: {"description": "OK", "content": {"application/json": {"schema": _ref(answer)}}},
            **_problem_responses(),
        },
        "openapi_extra": {
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref(body)}},
            }
        },
    }


def _lang(request: Request) -> str:
    """Dutch unless Accept-Language prefers English over Dutch (``en``, ``en-GB``,
    ``nl;q=0.5, en``); q-values are honoured, ties go to Dutch."""
    best: dict[str, float] = {}
    for item in request.headers.get("accept-language", "nl").lower().split(","):
        tag, _, params = item.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])  # float-ok: an Accept-Language q-value
            except ValueError:
                q = 0.0
        primary = tag.strip().split("-")[0]
        if primary in ("nl", "en"):
            best[primary] = max(q, best.get(primary, 0.0))
    return "en" if best.get("en", 0.0) > best.get("nl", 0.0) else "nl"


def _problem(request: Request, status: int, err: BouwblokkenError) -> JSONResponse:
    nl, en = err.message_nl, err.message_en
    body = Problem(
        type=ERROR_BASE + err.code,
        title=(en if _lang(request) == "en" else nl).split(";")[0][:200],
        status=status,
        detail=en if _lang(request) == "en" else nl,
        instance=request.url.path,
        code=err.code,
        pointer=err.pointer,
        message_nl=nl,
        message_en=en,
        file=err.file,
    )
    return JSONResponse(body.model_dump(), status_code=status, media_type=PROBLEM)


class _HttpError(BouwblokkenError):
    """An HTTP-level refusal (unknown path, wrong method, body too large)."""

    def __init__(self, code: str, en: str, nl: str) -> None:
        self.code, self._en, self._nl = code, en, nl
        super().__init__(en)


async def _body(request: Request) -> Any:
    """The request body as exact JSON, read up to the document limit."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_DOCUMENT_BYTES:
            raise _HttpError(
                "document.too_large",
                f"the body is larger than {MAX_DOCUMENT_BYTES:,} bytes",
                f"de body is groter dan {MAX_DOCUMENT_BYTES:,} bytes",
            )
        chunks.append(chunk)
    return await run_in_threadpool(read_json, b"".join(chunks), name="<body>")


def _validated(model: type[Frozen], data: Any) -> Any:
    try:
        return model.model_validate(data, context={DOCUMENT: True})
    except ValidationError as exc:
        raise located(exc, data, "<body>") from None


def _within(exc: BouwblokkenError, prefix: str) -> BouwblokkenError:
    """An error about the activity (or tender) of a request body: its pointer into the body."""
    exc.locate(pointer=prefix + exc.pointer, file=exc.file or "<body>")
    return exc


def create_app(registry: Registry | None = None) -> FastAPI:
    """The service as an ASGI application (``uvicorn bouwblokken.http:create_app --factory``)."""
    reg = registry or default_registry()
    app = FastAPI(
        title="bouwblokken",
        version=API_VERSION,
        summary="Exact, explainable social-return (SROI) bouwblokken as a service.",
        description="Values activities, obligations, ledgers and plans with the regional "
        "catalogs of the bouwblokkenmethode. Results are a calculation aid: the contract and "
        "the region's social-return desk decide. Library version " + __version__ + ".",
        openapi_url="/v1/openapi.json",
        docs_url="/v1/docs",
        redoc_url=None,
        redirect_slashes=False,
        contact={"name": "bouwblokken", "url": "https://github.com/bouwblokken/bouwblokken"},
        license_info={"name": "MIT", "identifier": "MIT"},
        servers=[{"url": "/", "description": "this server"}],
    )

    @app.middleware("http")
    async def api_version(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers["API-Version"] = API_VERSION
        if request.url.path == "/v1/openapi.json":  # ADR: the description is public (CORS)
            response.headers["Access-Control-Allow-Origin"] = "*"
        return response

    @app.exception_handler(BouwblokkenError)
    async def library_error(request: Request, exc: BouwblokkenError) -> JSONResponse:
        if isinstance(exc, UnknownCatalogError | NoEditionInForceError):
            return _problem(request, 404, exc)
        if isinstance(exc, _HttpError) and exc.code == "document.too_large":
            return _problem(request, 413, exc)
        return _problem(request, 400, exc)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        err = _HttpError(
            f"http.{exc.status_code}",
            str(exc.detail),
            {
                404: "niet gevonden (let op: geen / aan het eind)",
                405: "methode niet toegestaan",
            }.get(exc.status_code, str(exc.detail)),
        )
        return _problem(request, exc.status_code, err)

    @app.exception_handler(RequestValidationError)
    async def query_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        loc = [str(p) for p in first.get("loc", ())]
        err = _HttpError("input.query", f"{'.'.join(loc)}: {first.get('msg')}", "ongeldige vraag")
        err.pointer = "/" + "/".join(loc[1:]) if len(loc) > 1 else ""
        return _problem(request, 400, err)

    @app.get(
        "/v1/catalogs", summary="List the catalog editions", response_model=list[CatalogSummary]
    )
    def catalogs() -> list[CatalogSummary]:
        return [
            CatalogSummary(
                id=i.id,
                edition=i.edition,
                key=i.key,
                title_nl=i.title_nl,
                title_en=i.title_en,
                issuer=i.issuer,
                effective_from=i.effective_from.isoformat() if i.effective_from else None,
                effective_until=i.effective_until.isoformat() if i.effective_until else None,
                effective_basis=i.effective_basis,
                verified=i.verified,
            )
            for i in reg.list()
        ]

    @app.get(
        "/v1/catalogs/{catalog_id}",
        summary="One catalog edition (the latest, the one in force on a date, or an edition)",
        response_class=JSONResponse,
        responses={
            200: {"content": {"application/json": {"schema": _ref("Catalog")}}},
            **_problem_responses(),
        },
    )
    def catalog(
        catalog_id: str, on: OptionalDate = None, edition: OptionalText = None
    ) -> JSONResponse:
        found = reg.load(catalog_id, on=on, edition=edition)
        return JSONResponse(found.model_dump(mode="json"))

    @app.post("/v1/value", **_doc_route("ValueRequest", "ValuationDocument", "Value an activity"))
    async def value(request: Request) -> JSONResponse:
        data = await _body(request)

        def work() -> dict[str, Any]:
            req: ValueRequest = _validated(ValueRequest, data)
            cat = reg.load(req.catalog, on=req.on) if req.on else reg.load(req.catalog)
            try:
                return valuation_to_dict(value_activity(req.activity, cat))
            except BouwblokkenError as exc:
                raise _within(exc, "/activity") from None

        return JSONResponse(await run_in_threadpool(work))

    @app.post(
        "/v1/obligation",
        **_doc_route("ObligationRequest", "ObligationDocument", "A tender's obligation"),
    )
    async def obligation(request: Request) -> JSONResponse:
        data = await _body(request)

        def work() -> dict[str, Any]:
            req: ObligationRequest = _validated(ObligationRequest, data)
            ref = req.catalog or req.tender.catalog
            cat = None
            if ref:
                cid, _, edition = ref.partition("@")
                if edition:
                    cat = reg.load(cid, edition=edition)
                else:
                    basis = reg.editions(cid)[-1].effective_basis
                    cat = reg.load(cid, on=req.on or req.tender.judged_on(basis))
            try:
                return obligation_to_dict(compute_obligation(req.tender, cat))
            except BouwblokkenError as exc:
                raise _within(exc, "/tender") from None

        return JSONResponse(await run_in_threadpool(work))

    @app.post(
        "/v1/evaluate",
        **_doc_route("Ledger", "LedgerResultDocument", "Evaluate a ledger document"),
    )
    async def evaluate_ledger(request: Request, as_of: OptionalDate = None) -> JSONResponse:
        data = await _body(request)

        def work() -> dict[str, Any]:
            ledger: Ledger = _validated(Ledger, data)
            try:
                result = evaluate(ledger, as_of=as_of, registry=reg)
            except BouwblokkenError as exc:
                raise in_ledger(exc, ledger) from None
            return ledger_result_to_dict(result)

        return JSONResponse(await run_in_threadpool(work))

    @app.post(
        "/v1/optimise",
        **_doc_route("PlanRequest", "PlansDocument", "The cheapest plans for an obligation"),
    )
    async def optimise_plans(request: Request) -> JSONResponse:
        data = await _body(request)

        def work() -> dict[str, Any]:
            req: PlanRequest = _validated(PlanRequest, data)
            try:
                return optimise(req, registry=reg).to_dict()
            except BouwblokkenError as exc:
                raise in_options(exc, req) from None

        return JSONResponse(await run_in_threadpool(work))

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                description=app.description,
                routes=app.routes,
                contact=app.contact,
                license_info=app.license_info,
                servers=app.servers,
            )
            schemas = spec.setdefault("components", {}).setdefault("schemas", {})
            schemas.update(_components())
            for name in ("HTTPValidationError", "ValidationError"):
                schemas.pop(name, None)
            for path in spec.get("paths", {}).values():
                for op in path.values():
                    op.get("responses", {}).pop("422", None)
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def serve(*, host: str = "127.0.0.1", port: int = 8000, registry: Registry | None = None) -> None:
    """Run the service with uvicorn (blocks; Ctrl-C stops it)."""
    import uvicorn

    uvicorn.run(create_app(registry), host=host, port=port, log_level="info")
