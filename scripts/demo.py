"""`make demo`: the typed client talking to a local stub exchange, with no keys and no network.

The stub answers every operation of spec/upbit.yaml with the example the spec documents for
it, so what you see is the spec's own data travelling over real HTTP on loopback and parsed
by the generated models. (The full sandbox exchange replaces this stub.)
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from upbit_client import Client
from upbit_client.api.quotation import (
    list_day_candles,
    list_orderbooks,
    list_tickers,
    list_trading_pairs,
)

SPEC = Path(__file__).resolve().parent.parent / "spec" / "upbit.yaml"


def example_routes(spec: dict[str, Any]) -> list[tuple[str, re.Pattern[str], int, Any]]:
    routes = []
    for path, item in spec["paths"].items():
        pattern = re.compile("^" + re.sub(r"\{[^/]+\}", "[^/]+", path) + "$")
        for method, op in item.items():
            status = min(s for s in op["responses"] if s.startswith("2"))
            media = op["responses"][status]["content"]["application/json"]
            body = media.get("example")
            if body is None:
                body = next(iter(media["examples"].values()))["value"]
            routes.append((method.upper(), pattern, int(status), body))
    return routes


def serve(routes: list[tuple[str, re.Pattern[str], int, Any]]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            path = urlsplit(self.path).path
            for method, pattern, status, body in routes:
                if method == self.command and pattern.match(path):
                    payload = json.dumps(body, ensure_ascii=False).encode()
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Remaining-Req", "group=demo; min=600; sec=9")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
            self.send_error(404)

        do_GET = do_POST = do_DELETE = _answer

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    spec = yaml.safe_load(SPEC.read_text("utf-8"))
    server = serve(example_routes(spec))
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    print(f"stub exchange: {len(spec['paths'])} paths of spec/upbit.yaml served at {base_url}\n")
    with Client(base_url=base_url, timeout=5.0) as client:
        pairs = list_trading_pairs.sync(client=client, is_details=True)
        assert isinstance(pairs, list)
        print("markets:", ", ".join(f"{p.market} ({p.english_name})" for p in pairs))

        tickers = list_tickers.sync(client=client, markets="KRW-BTC")
        assert isinstance(tickers, list)
        for t in tickers:
            print(f"{t.market}: {t.trade_price:,.0f} KRW ({t.signed_change_rate:+.2%} today)")

        books = list_orderbooks.sync(client=client, markets="KRW-BTC")
        assert isinstance(books, list)
        best = books[0].orderbook_units[0]
        print(f"best ask {best.ask_price:,.0f} x {best.ask_size}", end=", ")
        print(f"best bid {best.bid_price:,.0f} x {best.bid_size}")

        candles = list_day_candles.sync(client=client, market="KRW-BTC", count=1)
        assert isinstance(candles, list)
        c = candles[0]
        print(
            f"day candle {c.candle_date_time_kst}: open {c.opening_price:,.0f} "
            f"high {c.high_price:,.0f} low {c.low_price:,.0f} close {c.trade_price:,.0f}"
        )
    server.shutdown()
    print("\ndone: typed models over real HTTP, no keys, no network")


if __name__ == "__main__":
    main()
