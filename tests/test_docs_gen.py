"""The generated parts of the docs site: error catalog, permission and comparison tables."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import docs_gen  # noqa: E402

from upbit_ext import _errors  # noqa: E402

FIXTURE = Path(__file__).parent / "data" / "docs" / "bench-latest.json"


@pytest.mark.parametrize(("lang", "page"), [("en", "errors.md"), ("ko", "ko/errors.md")])
def test_error_catalog_lists_every_name_the_error_module_knows(lang: str, page: str) -> None:
    text = (ROOT / "docs" / page).read_text("utf-8")
    marker = "<!-- gen:error-catalog -->" if lang == "en" else "<!-- gen:error-catalog-ko -->"
    assert marker in text, f"{page} lost its generated catalog"
    catalog = docs_gen.expand(text)
    names = set(_errors._NAMES) | set(_errors._ALIASES)
    classes = {n for n in _errors.__all__ if n[0].isupper()}
    for name in sorted(names):
        assert f"`{name}`" in catalog, f"{page}: no entry for {name}"
    for name in sorted(classes):
        assert f"`{name}`" in catalog, f"{page}: class {name} missing"
    rows = [line for line in catalog.splitlines() if line.startswith("| `")]
    assert set(_errors._NAMES) <= {r.split("`")[1] for r in rows}, "each name has its own row"


def test_catalog_statuses_come_from_the_spec() -> None:
    catalog = docs_gen.error_catalog("en")
    # Statuses Upbit documents (reference tables), not what the error module says.
    for name, status in [
        ("no_authorization_ip", "401"),
        ("invalid_query_payload", "401"),
        ("insufficient_funds_bid", "400"),
        ("market_offline", "403"),
        ("order_not_found", "404"),
        ("out_of_scope", "401 / 403"),
    ]:
        row = next(line for line in catalog.splitlines() if line.startswith(f"| `{name}` |"))
        assert row.split("|")[2].strip() == status, row


def test_a_name_without_korean_text_fails_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    names = dict(_errors._NAMES)
    names["brand_new_error"] = (_errors.InvalidParameter, "Something new.")
    monkeypatch.setattr(_errors, "_NAMES", names)
    assert "`brand_new_error`" in docs_gen.error_catalog("en")
    with pytest.raises(ValueError, match="brand_new_error"):
        docs_gen.error_catalog("ko")


def test_an_error_class_missing_from_the_catalog_fails_the_build(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class NewClientError(_errors.UpbitError):
        """Something new."""

    monkeypatch.setattr(_errors, "NewClientError", NewClientError, raising=False)
    monkeypatch.setattr(_errors, "__all__", [*_errors.__all__, "NewClientError"])
    with pytest.raises(ValueError, match="NewClientError"):
        docs_gen.error_catalog("en")


def test_permission_table_matches_upbits_permission_groups() -> None:
    table = docs_gen.permission_table("en")
    # Upbit's documented permission per endpoint (auth docs' permission table).
    expected = {
        "get_accounts": "view_account",
        "create_order": "make_orders",
        "cancel_order": "make_orders",
        "get_order": "view_orders",
        "withdraw_coin": "withdraw",
        "list_deposits": "view_deposits",
    }
    for method, permission in expected.items():
        row = next(line for line in table.splitlines() if f"`{method}`" in line)
        assert f"`{permission}`" in row, row
    quotation = next(line for line in table.splitlines() if "no key" in line)
    assert "`list_tickers`" in quotation
    assert "자산조회" in docs_gen.permission_table("ko")


def test_comparison_table_from_a_results_file() -> None:
    table = docs_gen.comparison_table(FIXTURE)
    lines = table.splitlines()
    assert lines[0] == (
        "| benchmark | case | unit | better | upbit_ext | upbit-sdk | pyupbit | ccxt | floor "
        "| target |"
    )
    overhead = lines[2]
    # 1000 / 400 = 2.50, 700 / 400 = 1.75, 360 / 400 = 0.90 (computed by hand)
    assert "| 400 | 1,000 (2.50x) | 700 (1.75x) | — | 360 (0.90x) | <= 1.15x floor |" in overhead
    safety = lines[3]
    assert "orders created per call \\| drop-after-commit" in safety
    assert "| 1 | — | — | 2 (2.00x) | — |" in safety
    assert "fixed-response server in another process" in table
    assert "test fixture" in table


def test_comparison_without_results_says_how_to_make_them(tmp_path: Path) -> None:
    text = docs_gen.comparison_table(tmp_path / "latest.json")
    assert "make bench" in text
    assert "|" not in text


def test_unknown_marker_is_an_error() -> None:
    with pytest.raises(ValueError, match="gen:nope"):
        docs_gen.expand("<!-- gen:nope -->")


def test_the_chart_is_drawn_from_sandbox_trades(tmp_path: Path) -> None:
    import docs_hooks

    out = docs_gen.chart_png(tmp_path / "chart.png")
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # candles drawn, not an empty figure
    page = (ROOT / "docs" / "realtime.md").read_text("utf-8")
    assert f"({docs_hooks.CHART})" in page


def test_comparison_says_which_client_failed_every_run(tmp_path: Path) -> None:
    results = tmp_path / "latest.json"
    results.write_text(
        json.dumps(
            {
                "rows": [
                    {
                        "bench": "backfill",
                        "case": "a year",
                        "unit": "x",
                        "better": "lower",
                        "target": None,
                        "notes": "",
                        "results": {
                            "upbit_ext": {"median": 1.0, "p25": 1.0, "p75": 1.0, "n": 1},
                            "upbit-sdk": {"median": None, "n": 0, "errors": ["418 after 81 pages"]},
                        },
                    }
                ]
            }
        ),
        "utf-8",
    )
    assert "| failed: 418 after 81 pages |" in docs_gen.comparison_table(results)
