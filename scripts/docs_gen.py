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

# Korean text for every Upbit error name of `_errors._NAMES` (meaning and what to do). A name
# added to the error module without a line here fails the docs build: the Korean catalog
# cannot silently lag behind the English one.
KO_HINTS: dict[str, str] = {
    "create_bid_error": "매수 주문 요청 자체가 잘못됨: ord_type 조합을 확인하세요 (지정가는 price와 volume, 시장가 매수(price)는 price만, 최유리(best)는 time_in_force 필요).",
    "create_ask_error": "매도 주문 요청 자체가 잘못됨: ord_type 조합을 확인하세요 (지정가는 price와 volume, 시장가 매도(market)는 volume만, 최유리(best)는 time_in_force 필요).",
    "insufficient_funds_bid": "매수 가능 금액(KRW 등) 부족. 수수료 포함, 미체결 주문에 묶인 금액은 제외: 금액을 줄이거나 미체결 주문을 취소하세요.",
    "insufficient_funds_ask": "매도 가능 수량 부족 (미체결 주문에 묶인 수량은 제외): 수량을 줄이거나 미체결 주문을 취소하세요.",
    "under_min_total_bid": "매수 주문 총액(가격 × 수량)이 최소 주문 금액 미만 (KRW 마켓 5,000원, get_order_chance로 확인): 주문 금액을 늘리세요.",
    "under_min_total_ask": "매도 주문 총액(가격 × 수량)이 최소 주문 금액 미만 (KRW 마켓 5,000원, get_order_chance로 확인): 주문 금액을 늘리세요.",
    "over_krw_funds_bid": "매수 총액이 최대 주문 금액(10억 원) 초과: 주문을 나누세요.",
    "invalid_price_bid": "매수 가격이 호가 단위에 맞지 않음: round_price()로 맞추세요 (호가 단위는 orderbook instruments의 tick_size).",
    "invalid_price_ask": "매도 가격이 호가 단위에 맞지 않음: round_price()로 맞추세요 (호가 단위는 orderbook instruments의 tick_size).",
    "invalid_funds": "주문 금액이 잘못됨 (시장가 매수의 price는 쓸 총액): 값과 소수 자릿수를 확인하세요.",
    "invalid_volume_bid": "매수 수량이 잘못됨 (0, 음수, 소수 자릿수 초과, 범위 밖): 값과 자릿수를 확인하세요.",
    "invalid_volume_ask": "매도 수량이 잘못됨 (0, 음수, 소수 자릿수 초과, 범위 밖): 값과 자릿수를 확인하세요.",
    "volume_too_large": "한 주문의 최대 수량 초과: 줄이거나 주문을 나누세요.",
    "notfoundmarket": "없는 마켓: KRW-BTC처럼 '기준통화-코인' 대문자로, list_trading_pairs에 있는 마켓을 쓰세요.",
    "invalid_time_in_force": "time_in_force가 없거나 이 ord_type에 허용되지 않음 (최유리는 ioc 또는 fok 필수, post_only는 지정가만).",
    "invalid_post_only": "post_only와 smp_type을 함께 보냄: post_only에는 smp_type none만 허용됩니다.",
    "duplicated_identifier": "이미 쓴 identifier (취소된 주문 포함, 한 번만 사용 가능): 새 값을 쓰세요. 애매한 실패 뒤라면 다시 보내지 말고 그 identifier로 조회하세요.",
    "validation_error": "요청 형식 오류 또는 필수 파라미터 누락: 메시지에 필드 이름이 나옵니다.",
    "invalid_parameter": "파라미터 값, 형식 또는 범위가 잘못됨: 해당 API의 규칙과 비교하세요.",
    "withdraw_address_not_registered": "출금 주소가 Open API 출금 허용 주소로 등록되지 않음: 업비트 웹(Open API 관리 → 출금 주소)에서 등록하고 주소와 태그를 정확히 보내세요.",
    "open_api_withdraw_locked": "이 계정은 Open API 출금이 잠겨 있음: 업비트 보안 설정에서 해제한 뒤 다시 시도하세요.",
    "market_offline": "마켓 또는 시스템 점검 중: 점검이 끝난 뒤 다시 시도하세요 (get_wallet_status, 업비트 공지 참고).",
    "thirdparty_agreement_required": "개인정보 제3자 제공 동의가 필요함: 업비트 앱이나 웹에서 동의한 뒤 다시 시도하세요.",
    "invalid_query_payload": "query_hash가 보낸 쿼리와 다름: 인코딩하지 않은 쿼리 문자열을 보낸 순서 그대로 해시해야 합니다 (배열은 key[]=v, JSON 본문은 키 순서대로).",
    "jwt_verification": "JWT 서명 검증 실패: 시크릿 키(base64 디코딩하지 않고 그대로 사용)와 alg(HS512 또는 HS256)를 확인하세요.",
    "invalid_access_key": "업비트가 모르는 액세스 키: UPBIT_ACCESS_KEY 오타나 삭제된 키인지 확인하세요.",
    "expired_access_key": "API 키 만료 (유효기간 1년): 업비트 웹(Open API 관리)에서 새 키를 발급받으세요.",
    "nonce_used": "이미 쓴 nonce: 요청마다(재시도 포함) 새 UUID4 nonce로 JWT를 새로 서명해야 합니다.",
    "no_authorization_ip": "허용되지 않은 IP: 이 컴퓨터의 공인 IP를 API 키 설정(Open API 관리)에 등록하세요.",
    "no_authorization_token": "Authorization 헤더 없음: 이 API는 키가 필요합니다 (access_key/secret_key 또는 UPBIT_ACCESS_KEY/UPBIT_SECRET_KEY).",
    "out_of_scope": "API 키에 이 기능의 권한이 없음 (예: 주문하기, 출금하기): 키 설정에서 권한을 켜거나 권한이 있는 키를 쓰세요.",
    "order_not_found": "이 포켓에 그 uuid/identifier의 주문이 없음. create_order 실패 직후라면 주문이 들어가지 않았다는 뜻입니다.",
    "deposit_not_found": "그 uuid/txid와 화폐의 입금 내역이 없음: id를 확인하세요.",
    "withdraw_not_found": "그 uuid/txid와 화폐의 출금 내역이 없음: id를 확인하세요.",
    "pocket_not_found": "그 id의 포켓이 없음: list_pockets로 확인하세요.",
    "currency_not_found": "모르는 화폐 코드: 대문자(BTC, KRW)로 쓰세요.",
}

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

KO_CLIENT_SIDE: dict[str, str] = {
    "UpbitError": "이 패키지가 내는 모든 오류의 기반 클래스.",
    "HTTPStatusError": "업비트가 400 이상의 상태로 답함. name(업비트 오류 이름), message(원문 그대로), hint.",
    "TransportError": "HTTP 응답이 오지 않음. may_have_been_sent가 업비트가 처리했을 수 있는지 알려 줍니다.",
    "UpbitTimeout": "시간 초과. 연결 전 시간 초과는 보내지 않은 것, 읽기/쓰기 시간 초과는 보냈을 수도 있는 것.",
    "UpbitConnectionError": "연결 오류. 연결 거부는 보내지 않은 것, 보낸 뒤 끊김은 보냈을 수도 있는 것.",
    "UnexpectedResponse": "성공 응답의 모양이 spec과 다름: API가 바뀌었으면 spec을 고치고 make regenerate.",
    "ResponseTooLarge": "응답이 크기 제한을 넘음: 조회 범위(마켓 수, count)를 줄이세요.",
    "CircuitOpenError": "한 호스트에 실패가 이어져 잠시 요청을 보내지 않음 (서킷 브레이커).",
    "OrderStateUnknown": "애매한 실패 뒤 주문 상태를 확인하지 못함: 다시 보내지 말고 lookup에 적힌 조회로 확인하세요.",
    "CancelTooLate": "응답이 사라진 취소를 확인해 보니 이미 체결됨: 취소된 것은 없습니다.",
}

KO_STATUS: dict[int, str] = {
    400: "요청 파라미터 오류",
    401: "인증 실패 (키, 서명, query_hash, 허용 IP)",
    403: "권한 또는 계정 설정 문제",
    404: "없는 마켓, 주문, 화폐 등",
    418: "429를 무시하고 계속 보내 IP 또는 포켓이 일시 차단됨: 차단이 끝날 때까지 아무것도 보내지 마세요.",
    429: "그룹의 초당 요청 수 초과: 다음 초(또는 Retry-After)까지 기다리세요.",
    500: "업비트 내부 오류 또는 점검: 조회는 재시도, 주문은 identifier로 먼저 조회.",
}


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
        raise ValueError(f"KO_HINTS in scripts/docs_gen.py lacks Korean text for {missing}")
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
    aliases = ", ".join(
        f"`{old}` → `{new}`" for old, new in sorted(_errors._ALIASES.items())
    )
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
            f"시세(quotation) API는 오류 이름 대신 상태 코드 숫자를 보냅니다 (`name: 404`). {quotation}."
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
        "| 권한 (업비트 화면) | API 이름 | 메서드 |" if ko else "| permission (upbit.com) | API name | methods |",
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

    Each peer's median is followed by its ratio to ours, so `2.0×` on a `lower` row means the
    peer needs twice what we need. Without the file: a note saying how to produce it.
    """
    if not path.exists():
        return (
            "!!! note \"No benchmark results in this build\"\n"
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
            median = float(entry["median"])
            text = _fmt(median)
            if client != "upbit_ext" and ours:
                text += f" ({median / float(ours):.2f}×)"
            cells.append(text)
        cells.append(_cell(row.get("target") or ""))
        out.append("| " + " | ".join(cells) + " |")
    notes = [f"- `{r['bench']}` / {_cell(r['case'])}: {_cell(r['notes'])}" for r in rows if r.get("notes")]
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
