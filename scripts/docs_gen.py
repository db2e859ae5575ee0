"""Pieces of the docs site generated from the code, the spec and the benchmark results.

`scripts/docs_hooks.py` (a MkDocs hook) replaces markers such as `<!-- gen:error-catalog -->`
in the pages with what these functions return, at every `make docs`, so the error catalog,
the permission and rate-limit tables and the comparison table cannot drift from their
sources. `tests/test_docs.py` calls the same functions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from upbit_ext import _errors

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "upbit.yaml"
BENCH_RESULTS = ROOT / "benchmarks" / "results" / "latest.json"

# Korean text for every Upbit error name of `_errors._NAMES` (meaning and what to do), in
# scripts/docs_ko.yaml. A name added to the error module without a line there fails the docs
# build: the Korean catalog cannot silently lag behind the English one.
_KO: dict[str, Any] = yaml.safe_load((ROOT / "scripts" / "docs_ko.yaml").read_text("utf-8"))
KO_HINTS: dict[str, str] = _KO["error_names"]

# Raised by the client itself, without an Upbit error name.
_CLIENT_SIDE = (
    "UpbitError",
    "HTTPStatusError",
    "TransportError",
    "UpbitTimeout",
    "UpbitConnectionError",
    "UnexpectedResponse",
    "ResponseTooLarge",
    "CircuitOpenError",
    "OrderStateUnknown",
    "CancelTooLate",
)

KO_CLIENT_SIDE: dict[str, str] = _KO["client_side"]

KO_STATUS: dict[int, str] = _KO["statuses"]


def _spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC.read_text("utf-8"))
    return loaded


def name_statuses() -> dict[str, list[int]]:
    """Each Upbit error name with the statuses the spec documents it under."""
    statuses: dict[str, list[int]] = {}
    responses = _spec()["components"]["responses"]
    codes = {"BadRequest": 400, "Unauthorized": 401, "Forbidden": 403, "NotFound": 404}
    for key, response in responses.items():
        status = next((c for k, c in codes.items() if key == f"Exchange{k}"), None)
        if status is None:
            continue
        for name in re.findall(r"`([a-z_]+)`", response["description"]):
            statuses.setdefault(name, []).append(status)
    return statuses


def known_names() -> dict[str, set[str]]:
    """Every name the error module knows: Upbit error names, aliases and classes."""
    return {
        "upbit": set(_errors._NAMES),
        "aliases": set(_errors._ALIASES),
        "classes": set(_errors.__all__) - {n for n in _errors.__all__ if n[0].islower()},
    }


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def error_catalog(lang: str = "en") -> str:
    """The error catalog as Markdown, from `upbit_ext._errors` and the spec's statuses."""
    ko = lang == "ko"
    statuses = name_statuses()
    missing = sorted(set(_errors._NAMES) - set(KO_HINTS))
    if ko and missing:
        raise ValueError(f"scripts/docs_ko.yaml lacks Korean text for {missing}")
    out = [
        "| 오류 이름 (error.name) | HTTP | 예외 클래스 | 뜻과 해결 |"
        if ko
        else "| error.name | HTTP | raised as | meaning and fix |",
        "|---|---|---|---|",
    ]
    for name, (cls, hint) in sorted(_errors._NAMES.items()):
        codes = statuses.get(name)
        status = " / ".join(map(str, codes)) if codes else ("문서에 없음" if ko else "undocumented")
        text = KO_HINTS[name] if ko else hint
        out.append(f"| `{name}` | {status} | `{cls.__name__}` | {_cell(text)} |")
    out.append("")
    aliases = ", ".join(f"`{old}` → `{new}`" for old, new in sorted(_errors._ALIASES.items()))
    out.append(
        f"옛 철자도 같은 클래스로 받습니다: {aliases}."
        if ko
        else f"Older spellings still in circulation map to the same class: {aliases}."
    )
    out += [
        "",
        "### 상태 코드별 클래스" if ko else "### By status",
        "",
        "| HTTP | 예외 클래스 | 뜻 |" if ko else "| HTTP | raised as | meaning |",
        "|---|---|---|",
    ]
    by_status: list[tuple[int, str, str]] = [
        (code, cls.__name__, _errors._status_hint(code))
        for code, cls in sorted(_errors._STATUS_CLASSES.items())
    ]
    by_status.append((500, _errors.ServerError.__name__, _errors._status_hint(500)))
    for code, cls_name, hint in by_status:
        label = "5xx" if code == 500 else str(code)
        text = KO_STATUS[code] if ko else hint
        out.append(f"| {label} | `{cls_name}` | {_cell(text)} |")
    quotation = ", ".join(
        f"{status} → `{_errors._NAMES[name][0].__name__}`"
        for status, name in _errors._QUOTATION_NAMES.items()
    )
    out += [
        "",
        (
            f"시세(quotation) API는 오류 이름 대신 상태 코드 숫자를 보냅니다"
            f" (`name: 404`). {quotation}."
            if ko
            else f"Quotation APIs send the status as the name (`name: 404`): {quotation}."
        ),
        "",
        "### 클라이언트가 직접 내는 오류" if ko else "### Raised by the client itself",
        "",
        "| 예외 클래스 | 뜻 |" if ko else "| class | meaning |",
        "|---|---|",
    ]
    for name in _CLIENT_SIDE:
        cls = getattr(_errors, name)
        doc = (cls.__doc__ or "").strip().split("\n\n")[0]
        text = KO_CLIENT_SIDE[name] if ko else " ".join(doc.split())
        out.append(f"| `{name}` | {_cell(text)} |")
    listed = set(_CLIENT_SIDE) | {c.__name__ for c, _ in _errors._NAMES.values()}
    listed |= {c.__name__ for c in _errors._STATUS_CLASSES.values()} | {"ServerError"}
    unlisted = known_names()["classes"] - listed
    if unlisted:
        raise ValueError(f"error classes missing from the catalog: {sorted(unlisted)}")
    return "\n".join(out) + "\n"


# Upbit's permission names (as GET /v1/pockets/api_keys reports them) and the labels of the
# check boxes on upbit.com's Open API page.
PERMISSION_LABELS: dict[str, tuple[str, str]] = {
    "view_account": ("View Account", "자산조회"),
    "view_orders": ("View Orders", "주문조회"),
    "make_orders": ("Make Orders", "주문하기"),
    "view_withdrawals": ("View Withdrawals", "출금조회"),
    "withdraw": ("Withdraw", "출금하기"),
    "view_deposits": ("View Deposits", "입금조회"),
    "deposit": ("Deposit", "입금하기"),
    "transfer": ("Transfer between pockets", "자산이전"),
    "manage_pockets": ("Manage Pockets", "포켓관리"),
}


def permission_table(lang: str = "en") -> str:
    """Which API-key permission each facade method needs, from the sandbox's enforced table."""
    from upbit_ext.sandbox._app import permission_for
    from upbit_ext.sandbox._funds import _UPBIT_PERMISSION
    from upbit_ext.sandbox._params import load_operations

    ko = lang == "ko"
    needs: dict[str, list[str]] = {}
    for op in load_operations():
        if not op.secured:
            key = "-quotation"
        else:
            perm = permission_for(op)
            key = _UPBIT_PERMISSION[perm] if perm else "-none"
        needs.setdefault(key, []).append(op.id)
    order = [*PERMISSION_LABELS, "-none", "-quotation"]
    out = [
        "| 권한 (업비트 화면) | API 이름 | 메서드 |"
        if ko
        else "| permission (upbit.com) | API name | methods |",
        "|---|---|---|",
    ]
    for key in order:
        if key not in needs:
            continue
        methods = ", ".join(f"`{m}`" for m in sorted(needs[key]))
        if key == "-none":
            label, wire = ("키만 있으면 됨 (권한 없음)" if ko else "a key, no permission"), "—"
        elif key == "-quotation":
            label, wire = ("키 필요 없음 (시세)" if ko else "no key (quotation)"), "—"
        else:
            en, kr = PERMISSION_LABELS[key]
            label, wire = (kr if ko else f"{en} ({kr})"), f"`{key}`"
        out.append(f"| {label} | {wire} | {methods} |")
    return "\n".join(out) + "\n"


def rate_group_table() -> str:
    """Upbit's rate-limit groups from the spec: limit, unit and the methods in each."""
    spec = _spec()
    groups = spec["info"]["x-upbit-rate-groups"]
    members: dict[str, list[str]] = {}
    for item in spec["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and "operationId" in op:
                members.setdefault(op["x-upbit-rate-group"], []).append(op["operationId"])
    out = ["| group | limit | counted per | methods |", "|---|---|---|---|"]
    for name, rule in groups.items():
        per = rule["per_seconds"]
        limit = f"{rule['limit']} / {'s' if per == 1 else f'{per} s'}"
        methods = ", ".join(f"`{m}`" for m in sorted(members.get(name, [])))
        out.append(f"| `{name}` | {limit} | {rule['unit']} | {methods} |")
    return "\n".join(out) + "\n"


CLIENTS = ("upbit_ext", "upbit-sdk", "pyupbit", "ccxt", "floor")


def _fmt(value: float) -> str:
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def comparison_table(path: Path = BENCH_RESULTS) -> str:
    """The benchmark rows of `path` (issue 12's row shape) as one Markdown table.

    Each peer's median is followed by its ratio to ours, so `2.0x` on a `lower` row means the
    peer needs twice what we need. Without the file: a note saying how to produce it.
    """
    if not path.exists():
        return (
            '!!! note "No benchmark results in this build"\n'
            f"    `{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}` was not"
            " found when the site was built. `make bench` (about 10 minutes) or\n"
            "    `make bench-quick` writes it; rebuild with `make docs` to see the table here.\n"
        )
    data = json.loads(path.read_text("utf-8"))
    rows = data["rows"] if isinstance(data, dict) else data
    present = [c for c in CLIENTS if any(c in r["results"] for r in rows)]
    head = ["benchmark", "case", "unit", "better", *present, "target"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        ours = row["results"].get("upbit_ext", {}).get("median")
        cells = [f"`{row['bench']}`", _cell(row["case"]), _cell(row["unit"]), row["better"]]
        for client in present:
            entry = row["results"].get(client)
            if entry is None:
                cells.append("—")
                continue
            if entry.get("median") is None:  # every run of this client failed
                cells.append(_cell("failed: " + (entry.get("errors") or ["no run finished"])[0]))
                continue
            median = float(entry["median"])
            text = _fmt(median)
            if client != "upbit_ext" and ours:
                text += f" ({median / float(ours):.2f}x)"
            cells.append(text)
        cells.append(_cell(row.get("target") or ""))
        out.append("| " + " | ".join(cells) + " |")
    notes = [
        f"- `{r['bench']}` / {_cell(r['case'])}: {_cell(r['notes'])}"
        for r in rows
        if r.get("notes")
    ]
    machine = data.get("machine") if isinstance(data, dict) else None
    out += ["", "Medians; a peer's ratio is its median divided by ours."]
    if machine:
        out.append(f"Machine: {_cell(json.dumps(machine, sort_keys=True))}.")
    if notes:
        out += ["", "Notes:", "", *notes]
    return "\n".join(out) + "\n"


def chart_png(out: Path) -> Path:
    """A real chart: KRW-BTC trades read from a sandbox over REST, drawn by `render_chart`.

    The trades are stored with the collector's JSONL sink and drawn by the same code as
    `upbit chart`, so the picture is what a reader gets from their own collection.
    """
    import tempfile
    from datetime import UTC, datetime
    from itertools import islice, takewhile

    from upbit_ext import Upbit
    from upbit_ext.sandbox import SandboxConfig, serve
    from upbit_ext.sandbox._market import DEFAULT_MARKETS
    from upbit_ext.stream import JsonlSink
    from upbit_ext.stream._chart import render_chart

    busy = tuple(m for m in DEFAULT_MARKETS if m.code == "KRW-BTC")
    origin = 1_764_504_000_000  # 2025-11-30 12:00 UTC: the same picture at every build
    since = origin - 2 * 3_600_000
    with tempfile.TemporaryDirectory() as tmp:
        config = SandboxConfig(
            db_path=Path(tmp) / "s.db", markets=busy, origin_ms=origin, frozen=True,
            history_days=0.2, rate_limits=False,
        )  # fmt: skip
        with serve(config) as sandbox, Upbit(base_url=sandbox.url) as upbit:
            trades = list(
                islice(
                    takewhile(lambda t: t.timestamp >= since, upbit.iter_recent_trades("KRW-BTC")),
                    20_000,
                )
            )
        sink = JsonlSink(Path(tmp) / "data")
        by_day: dict[str, list[dict[str, Any]]] = {}
        for t in trades:
            row = t.to_dict()
            day = datetime.fromtimestamp(t.timestamp / 1000, UTC).strftime("%Y-%m-%d")
            by_day.setdefault(day, []).append(
                {**row, "market": "KRW-BTC", "trade_timestamp": t.timestamp}
            )
        for day, rows in by_day.items():
            sink.write("trade", "KRW-BTC", day, rows)
        sink.close()
        out.parent.mkdir(parents=True, exist_ok=True)
        render_chart(Path(tmp) / "data", "KRW-BTC", out, interval="2m")
    return out


GENERATORS: dict[str, Callable[[], str]] = {
    "error-catalog": lambda: error_catalog("en"),
    "error-catalog-ko": lambda: error_catalog("ko"),
    "permissions": lambda: permission_table("en"),
    "permissions-ko": lambda: permission_table("ko"),
    "rate-groups": rate_group_table,
    "comparison": comparison_table,
}
MARKER = re.compile(r"<!-- gen:([a-z-]+) -->")


def expand(markdown: str) -> str:
    """Replace every `<!-- gen:NAME -->` marker; an unknown NAME is an error."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in GENERATORS:
            raise ValueError(f"unknown docs marker gen:{name}; known: {sorted(GENERATORS)}")
        return GENERATORS[name]()

    return MARKER.sub(one, markdown)
