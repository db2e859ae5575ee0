"""Alert rules on synthetic message sequences, the rule parser, rules files, and deliveries
(a real loopback HTTP server for webhooks, a real script for commands)."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from _hooks import SCRIPT, Hook

from upbit_ext.stream import (
    Alert,
    AlertEngine,
    ChangeRule,
    CommandDelivery,
    PriceRule,
    RuleError,
    SpreadRule,
    WebhookDelivery,
    decode,
    load_rules,
    parse_rule,
    watch,
)

MIN = 60_000


def trade(price: str, ts: int, sid: int, code: str = "KRW-BTC") -> Any:
    """A trade message as the stream decodes it with decimal=True (price digits as sent)."""
    text = (
        f'{{"type":"trade","code":"{code}","trade_price":{price},"trade_volume":0.1,'
        f'"ask_bid":"BID","trade_timestamp":{ts},"timestamp":{ts},"sequential_id":{sid},'
        '"stream_type":"REALTIME"}'
    )
    return decode(text, decimal=True)[0]


def ticker(price: str, ts: int, code: str = "KRW-BTC") -> Any:
    text = (
        f'{{"type":"ticker","code":"{code}","opening_price":1,"high_price":1,"low_price":1,'
        f'"trade_price":{price},"trade_timestamp":{ts},"timestamp":{ts},"stream_type":"REALTIME"}}'
    )
    return decode(text, decimal=True)[0]


def book(ask: str, bid: str, ts: int = 1, code: str = "KRW-ETH") -> Any:
    text = (
        f'{{"type":"orderbook","code":"{code}","total_ask_size":1,"total_bid_size":1,'
        f'"orderbook_units":[{{"ask_price":{ask},"bid_price":{bid},"ask_size":1,"bid_size":1}}],'
        f'"timestamp":{ts},"stream_type":"REALTIME"}}'
    )
    return decode(text, decimal=True)[0]


def run_prices(rule: str, prices: list[str]) -> list[tuple[int, str]]:
    """(index, direction) of every alert while trading `prices` one per second."""
    engine = AlertEngine([parse_rule(rule)])
    fired = []
    for i, price in enumerate(prices):
        for alert in engine.feed(trade(price, 1_000 * i, i)):
            fired.append((i, alert.direction))
    return fired


# --------------------------------------------------------------------------- price lines


def test_above_fires_once_while_oscillating_within_the_band_and_rearms_beyond_it() -> None:
    # band 0.1 % of 150,000,000 = 150,000: re-armed only below 149,850,000
    prices = [
        "149900000", "150000000",  # at the line: not above
        "150001000",  # fires (2)
        "149990000", "150010000", "149860000", "150200000", "149850000",  # within the band
        "150300000",  # still disarmed
        "149849000",  # beyond the band: re-armed
        "150000001",  # fires again (10)
    ]  # fmt: skip
    assert run_prices("KRW-BTC > 150,000,000", prices) == [(2, "up"), (10, "up")]


def test_below_and_a_band_given_in_price_units() -> None:
    prices = ["1000", "999", "1001", "998", "1004", "1006", "999"]
    # re-arms only above 1000 + 5
    assert run_prices("KRW-BTC < 1000 band 5", prices) == [(1, "down"), (6, "down")]


def test_above_fires_at_the_first_price_when_already_above_but_crosses_needs_both_sides() -> None:
    assert run_prices("KRW-BTC > 100", ["101", "102"]) == [(0, "up")]
    assert run_prices("KRW-BTC crosses 100", ["101", "102"]) == []
    # at the line there is no side yet; from 101 on there is
    assert run_prices("KRW-BTC crosses 100", ["100", "101", "99"]) == [(2, "down")]


def test_crosses_reports_both_directions_once_per_crossing_with_hysteresis() -> None:
    prices = [
        "990",
        "1001",  # up (1)
        "999", "1001", "991",  # back within the band (10): quiet
        "989",  # more than the band below: down (5)
        "1001", "1009", "995",  # the next up-crossing must also clear the band: quiet
        "1011",  # up (9)
    ]  # fmt: skip
    assert run_prices("KRW-BTC crosses 1000 band 10", prices) == [(1, "up"), (5, "down"), (9, "up")]


def test_price_alert_carries_the_trade_and_exact_values() -> None:
    engine = AlertEngine([parse_rule("KRW-BTC > 150000000", name="breakout")])
    assert engine.feed(trade("149000000", 1_700_000_000_000, 11)) == []
    (alert,) = engine.feed(trade("150001000.0", 1_700_000_001_000, 12))
    assert alert.value == Decimal("150001000")
    assert alert.sequential_id == 12
    body = alert.to_dict()
    assert body["value"] == "150001000"
    assert body["threshold"] == "150000000"
    assert body["name"] == "breakout"
    assert body["market"] == "KRW-BTC"
    assert body["kind"] == "price"
    assert body["time"] == "2023-11-14T22:13:21.000Z"
    assert "150,000,000" in body["message"]
    assert "150,001,000" in body["message"]
    json.dumps(body)  # JSON-ready


def test_rules_see_only_their_market_and_source() -> None:
    engine = AlertEngine([parse_rule("KRW-BTC > 100"), parse_rule("KRW-ETH > 100 on ticker")])
    assert engine.feed(trade("200", 1, 1, code="KRW-ETH")) == []  # ETH rule reads tickers
    assert engine.feed(ticker("200", 1, code="KRW-BTC")) == []  # BTC rule reads trades
    assert [a.market for a in engine.feed(ticker("200", 2, code="KRW-ETH"))] == ["KRW-ETH"]
    assert [a.market for a in engine.feed(trade("200", 3, 3, code="KRW-BTC"))] == ["KRW-BTC"]
    assert engine.subscriptions() == {"trade": ("KRW-BTC",), "ticker": ("KRW-ETH",)}


def test_float_messages_compare_as_the_digits_sent() -> None:
    """A stream without decimal=True hands over floats: read as their shortest repr."""
    engine = AlertEngine([parse_rule("KRW-ETH spread > 10%")])
    text = (
        '{"type":"orderbook","code":"KRW-ETH","total_ask_size":1,"total_bid_size":1,'
        '"orderbook_units":[{"ask_price":0.021,"bid_price":0.019,"ask_size":1,"bid_size":1}],'
        '"timestamp":1,"stream_type":"REALTIME"}'
    )
    (message,) = decode(text)
    assert isinstance(message.orderbook_units[0].ask_price, float)
    assert engine.feed(message) == []  # exactly 10 %, not 10.000000000000009
    (alert,) = AlertEngine([parse_rule("KRW-ETH spread > 9.99%")]).feed(message)
    assert alert.value == Decimal("10.0000")


def test_simple_format_messages_are_evaluated_too() -> None:
    engine = AlertEngine([parse_rule("KRW-BTC > 100"), parse_rule("KRW-ETH spread > 5")])
    simple_trade = decode(
        '{"ty":"trade","cd":"KRW-BTC","tp":101,"tv":1,"ab":"BID","ttms":5,"tms":5,"sid":9,'
        '"st":"REALTIME"}', decimal=True
    )[0]  # fmt: skip
    simple_book = decode(
        '{"ty":"orderbook","cd":"KRW-ETH","tas":1,"tbs":1,"tms":6,"st":"REALTIME",'
        '"obu":[{"ap":110,"bp":100,"as":1,"bs":1}]}', decimal=True
    )[0]  # fmt: skip
    assert [a.sequential_id for a in engine.feed(simple_trade)] == [9]
    assert [a.value for a in engine.feed(simple_book)] == [Decimal(10)]


# --------------------------------------------------------------------------- change window


def run_changes(rule: str, points: list[tuple[int, str]]) -> list[tuple[int, str, Decimal]]:
    engine = AlertEngine([parse_rule(rule)])
    out = []
    for i, (ts, price) in enumerate(points):
        out += [(i, a.direction, a.value) for a in engine.feed(trade(price, ts, i))]
    return out


def test_change_fires_on_a_move_within_the_window_only() -> None:
    points = [
        (0, "100.0"), (60_000, "101.0"), (120_000, "102.9"),
        (240_000, "103.0"),  # +3 % from 100 within 4 min: fires (3)
        (250_000, "103.1"), (260_000, "102.95"),  # still >= 2.7 %: quiet, disarmed
    ]  # fmt: skip
    assert run_changes("KRW-BTC change 3% 5m", points) == [(3, "up", Decimal("3.0000"))]
    slow = [(0, "100"), (3 * MIN, "101.5"), (5 * MIN + 1, "102"), (6 * MIN, "103")]
    # 100 left the window before 103 came; the lowest since is 101.5: +1.48 %
    assert run_changes("KRW-BTC change 3% 5m", slow) == []


def test_change_rearms_after_the_move_shrinks_below_the_band() -> None:
    points = [
        (0, "100"), (1_000, "103"),  # fires (1)
        (2_000, "102.8"), (3_000, "103.5"),  # >= 2.7 %: disarmed, quiet
        (4_000, "102.6"),  # 2.6 % < 3 - 0.3: re-armed
        (5_000, "103.2"),  # fires again (5)
    ]  # fmt: skip
    fired = run_changes("KRW-BTC change 3% 5m", points)
    assert [(i, d) for i, d, _ in fired] == [(1, "up"), (5, "up")]


def test_change_falls_and_direction_filters() -> None:
    points = [(0, "100"), (1_000, "104"), (2_000, "100.8")]  # +4 %, then -3.08 % from 104
    assert [(i, d) for i, d, _ in run_changes("KRW-BTC change 3% 1m", points)] == [
        (1, "up"), (2, "down"),
    ]  # fmt: skip
    assert [(i, d) for i, d, _ in run_changes("KRW-BTC change +3% 1m", points)] == [(1, "up")]
    fell = run_changes("KRW-BTC change -3% 1m", points)
    assert [(i, d) for i, d, _ in fell] == [(2, "down")]
    assert fell[0][2] == Decimal("-3.0769")


def test_change_is_exact_where_floats_are_not() -> None:
    # (0.103 - 0.1) / 0.1 * 100 is 2.9999999999999916 in floats; exactly 3 in decimals.
    assert run_changes("KRW-BTC change 3% 5m", [(0, "0.1"), (1_000, "0.103")]) == [
        (1, "up", Decimal("3.0000")),
    ]  # fmt: skip


def test_change_memory_stays_bounded_by_the_window() -> None:
    engine = AlertEngine([parse_rule("KRW-BTC change 50% 10s")])
    for i in range(5_000):  # a steady rise: the lows pile up, the window drops old ones
        engine.feed(trade(str(1_000_000 + i), i * 100, i))
    window = engine._trackers[0].window  # type: ignore[attr-defined]
    assert len(window.lows) <= 101
    assert len(window.highs) <= 101


# --------------------------------------------------------------------------- spread


def test_spread_absolute_with_hysteresis() -> None:
    engine = AlertEngine([parse_rule("KRW-ETH spread > 5000 band 1000")])
    books = [("5004000", "5000000"), ("5005000", "5000000"), ("5005001", "5000000"),
             ("5004500", "5000000"), ("5006000", "5000000"), ("5003999", "5000000"),
             ("5005500", "5000000")]  # fmt: skip
    fired = [i for i, (a, b) in enumerate(books) for _ in engine.feed(book(a, b))]
    assert fired == [2, 6]


def test_spread_percent_of_the_mid_price_compared_exactly() -> None:
    # ask 1005, bid 995: spread 10 on a mid of 1000 = exactly 1 %
    at_one = book("1005", "995")
    assert AlertEngine([parse_rule("KRW-ETH spread > 1%")]).feed(at_one) == []
    (alert,) = AlertEngine([parse_rule("KRW-ETH spread > 0.99%")]).feed(at_one)
    assert alert.value == Decimal("1.0000")
    assert alert.kind == "spread"
    # 0.021 - 0.019 over a mid of 0.02 is 10 %; in floats 10.000000000000009
    assert AlertEngine([parse_rule("KRW-ETH spread > 10%")]).feed(book("0.021", "0.019")) == []
    assert AlertEngine([parse_rule("KRW-ETH spread > 9.99%")]).feed(book("0.021", "0.019"))


# --------------------------------------------------------------------------- parser


def test_parser_reads_every_form() -> None:
    assert parse_rule("KRW-BTC > 150,000,000") == PriceRule(
        "KRW-BTC", ">", Decimal(150_000_000), Decimal(150_000), "trade", "KRW-BTC > 150,000,000"
    )
    rule = parse_rule("krw-btc below 90_000_000 band 0.5% on ticker")
    assert rule == PriceRule(
        "KRW-BTC", "<", Decimal(90_000_000), Decimal(450_000), "ticker", rule.name
    )
    assert parse_rule("KRW-BTC crosses 1000").op == "crosses"  # type: ignore[union-attr]
    assert parse_rule("KRW-BTC>1000") == parse_rule("KRW-BTC > 1000", name="KRW-BTC>1000")
    change = parse_rule("KRW-BTC change -2.5% within 30s band 0.5%")
    assert change == ChangeRule(
        "KRW-BTC", Decimal("2.5"), 30_000, "down", Decimal("0.5"), "trade", change.name
    )
    default_band = parse_rule("KRW-BTC change 3% 1h")
    assert isinstance(default_band, ChangeRule)
    assert default_band.band == Decimal("0.3")
    assert default_band.window_ms == 3_600_000
    assert default_band.direction == "both"
    spread = parse_rule("KRW-ETH spread > 0.5%")
    assert spread == SpreadRule("KRW-ETH", ">", Decimal("0.5"), True, Decimal("0.05"), spread.name)
    absolute = parse_rule("KRW-ETH spread above 5000 band 10%")
    assert isinstance(absolute, SpreadRule)
    assert absolute.band == Decimal(500)
    assert not absolute.percent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "empty"),
        ("BTC > 5", "market 'BTC' is not a pair code like KRW-BTC"),
        ("KRW-BTC", "after the market comes >, <, crosses, change or spread"),
        ("KRW-BTC >= 5", "price '=' is not a number"),
        ("KRW-BTC is 5", "'is' is not one of >, <, above, below, crosses, change, spread"),
        ("KRW-BTC >", "> needs a price"),
        ("KRW-BTC > abc", "price 'abc' is not a number"),
        ("KRW-BTC > 0", "price must be greater than 0"),
        ("KRW-BTC > 5 band", "band needs a value"),
        ("KRW-BTC > 5 band x", "band 'x' is not a number"),
        ("KRW-BTC > 5 band 1 band 2", "band given twice"),
        ("KRW-BTC > 5 band 5", "band must be smaller than the price"),
        ("KRW-ETH spread > 1% band 1%", "band must be smaller than the spread threshold"),
        ("KRW-BTC > 5 at 7", "unexpected 'at'"),
        ("KRW-BTC > 5 on orderbook", "on must be trade or ticker"),
        ("KRW-BTC change", "change needs a percentage and a window"),
        ("KRW-BTC change 3 5m", "change '3' must be a percentage such as 3%"),
        ("KRW-BTC change 3%", "change needs a window"),
        ("KRW-BTC change 3% 5", "window '5' must be a number with s, m or h"),
        ("KRW-BTC change 3% 0m", "window '0m' must be a number with s, m or h"),
        ("KRW-BTC change 3% 25h", "window '25h' is longer than 24h"),
        ("KRW-BTC change 3% 5m band 3%", "band must be smaller than the change (3%)"),
        ("KRW-ETH spread 0.5%", "spread needs > or < and a threshold"),
        ("KRW-ETH spread >", "spread needs a threshold"),
        ("KRW-ETH spread > 0.5% on trade", "unexpected 'on'"),
    ],
)
def test_parser_errors_name_what_is_wrong(text: str, expected: str) -> None:
    with pytest.raises(RuleError) as caught:
        parse_rule(text)
    assert expected in str(caught.value)
    if text:
        assert repr(text) in str(caught.value)  # the rule is quoted back


def test_rules_files_toml_and_yaml(tmp_path: Path) -> None:
    toml = tmp_path / "rules.toml"
    toml.write_text(
        'rules = ["KRW-BTC > 150000000", { rule = "KRW-ETH spread > 0.5%", name = "thin" }]\n'
    )
    yaml = tmp_path / "rules.yaml"
    yaml.write_text("rules:\n  - KRW-BTC > 150000000\n  - rule: KRW-ETH spread > 0.5%\n"
                    "    name: thin\n")  # fmt: skip
    for path in (toml, yaml):
        first, second = load_rules(path)
        assert first == parse_rule("KRW-BTC > 150000000")
        assert second == parse_rule("KRW-ETH spread > 0.5%", name="thin")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("r.toml", 'rules = ["KRW-BTC > 1", "KRW-BTC ! 2"]', "rules[1]: rule 'KRW-BTC ! 2'"),
        ("r.yaml", "rules:\n  - {rule: KRW-BTC > 1, when: now}", "rules[0]: a table takes only"),
        ("r.yaml", "rules: [5]", "rules[0]: must be a rule string or a table"),
        ("r.toml", "rule = 'KRW-BTC > 1'", "needs a non-empty top-level 'rules' list"),
        ("r.toml", "rules = [", "not valid TOML"),
        ("r.yml", "rules: [a, b", "not valid YAML"),
        ("r.json", "{}", "must end in .toml, .yaml or .yml"),
    ],
)
def test_rules_file_errors_name_file_and_entry(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(RuleError, match="rules file") as caught:
        load_rules(path)
    assert expected in str(caught.value)
    assert name in str(caught.value)
    with pytest.raises(RuleError, match="cannot be read"):
        load_rules(tmp_path / "missing.toml")


# --------------------------------------------------------------------------- deliveries


@pytest.fixture
def hook() -> Iterator[Hook]:
    server = Hook()
    yield server
    server.close()


def an_alert(value: str = "150001000") -> Alert:
    return Alert(
        rule="KRW-BTC > 150000000 band 150000 on trade", name="KRW-BTC > 150000000",
        market="KRW-BTC", kind="price", direction="up", value=Decimal(value),
        threshold=Decimal(150_000_000), timestamp=1_700_000_000_000,
        message="KRW-BTC is above 150,000,000: 150,001,000", sequential_id=7,
    )  # fmt: skip


def test_webhook_posts_the_alert_json_and_retries_server_errors(hook: Hook) -> None:
    hook.statuses = [500, 503]
    delivery = WebhookDelivery(hook.url, timeout=2, retries=2, backoff=0.05)

    async def send() -> None:
        await delivery.send(an_alert())
        await delivery.aclose()

    asyncio.run(send())
    assert hook.answers == [500, 503, 200]
    assert hook.bodies[-1] == an_alert().to_dict()
    assert hook.bodies[-1]["value"] == "150001000"
    assert hook.bodies[-1]["sequential_id"] == 7
    assert "secret-token" not in repr(delivery)  # a webhook's path is often its secret


def test_webhook_gives_up_on_a_client_error_and_after_timeouts(hook: Hook) -> None:
    hook.statuses = [400]
    refused = WebhookDelivery(hook.url, timeout=2, retries=3, backoff=0.05)
    with pytest.raises(RuntimeError, match="HTTP 400") as caught:
        asyncio.run(refused.send(an_alert()))
    assert "secret-token" not in str(caught.value)
    assert hook.answers == [400]  # not retried
    hook.delay = 1.0
    slow = WebhookDelivery(hook.url, timeout=0.2, retries=1, backoff=0.05)
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="ReadTimeout"):
        asyncio.run(slow.send(an_alert()))
    assert time.monotonic() - started < 1.5  # two attempts of 0.2 s, not two of 1 s
    assert len(hook.bodies) == 3


class FakeStream:
    """Stands in for AsyncStream in `watch`: yields the given messages, records when."""

    def __init__(self, messages: list[Any]) -> None:
        self.messages = messages
        self.subscribed: list[tuple[str, list[str]]] = []
        self.pulled: list[float] = []

    async def subscribe(self, type: str, codes: list[str]) -> None:
        self.subscribed.append((type, codes))

    def __aiter__(self) -> FakeStream:
        return self

    async def __anext__(self) -> Any:
        if not self.messages:
            raise StopAsyncIteration
        await asyncio.sleep(0)
        self.pulled.append(time.monotonic())
        return self.messages.pop(0)


def test_a_slow_webhook_never_holds_up_the_stream(hook: Hook) -> None:
    hook.delay = 0.5
    prices = ["90", "110"] * 10  # 10 alerts with `> 100 band 5`
    stream = FakeStream([trade(p, i, i) for i, p in enumerate(prices)])
    rules = [parse_rule("KRW-BTC > 100 band 5")]
    delivery = WebhookDelivery(hook.url, timeout=5, retries=0)
    started = time.monotonic()
    stats = asyncio.run(watch(stream, rules, [delivery], queue_size=3, drain=5))  # type: ignore[arg-type]
    assert stream.subscribed == [("trade", ["KRW-BTC"])]
    assert stream.pulled[-1] - started < 0.3  # all 20 messages read while one POST took 0.5 s
    assert stats.fired == 10
    # the first alert went straight to the worker, three waited in its queue, six were dropped
    assert (stats.delivered, stats.dropped, stats.failed) == (4, 6, 0)
    assert len(hook.bodies) == 4


def test_command_gets_the_alert_on_stdin_and_in_the_environment(tmp_path: Path) -> None:
    script = tmp_path / "on_alert.py"
    script.write_text(SCRIPT)
    out = tmp_path / "out.jsonl"
    delivery = CommandDelivery([sys.executable, str(script), str(out)], timeout=10)
    asyncio.run(delivery.send(an_alert()))
    (line,) = out.read_text().splitlines()
    got = json.loads(line)
    assert got["stdin"] == an_alert().to_dict()
    assert got["env"]["UPBIT_ALERT_MARKET"] == "KRW-BTC"
    assert got["env"]["UPBIT_ALERT_VALUE"] == "150001000"
    assert got["env"]["UPBIT_ALERT_SEQUENTIAL_ID"] == "7"
    assert got["env"]["UPBIT_ALERT_REFERENCE"] == ""
    failing = CommandDelivery(f"{sys.executable} {script} {out} 3")  # a string is split
    with pytest.raises(RuntimeError, match="exited with status 3"):
        asyncio.run(failing.send(an_alert()))
    assert len(out.read_text().splitlines()) == 2


def test_failed_deliveries_are_counted_and_logged(
    hook: Hook, caplog: pytest.LogCaptureFixture
) -> None:
    hook.statuses = [400]
    stream = FakeStream([trade("90", 1, 1), trade("110", 2, 2)])
    delivery = WebhookDelivery(hook.url, timeout=2, retries=0)
    with caplog.at_level("WARNING", logger="upbit_ext.stream.alerts"):
        stats = asyncio.run(watch(stream, [parse_rule("KRW-BTC > 100")], [delivery]))  # type: ignore[arg-type]
    assert (stats.fired, stats.delivered, stats.failed) == (1, 0, 1)
    assert "HTTP 400" in stats.last_error
    assert "alert for KRW-BTC not delivered" in caplog.text
    assert "secret-token" not in caplog.text
    assert stats.by_rule == {"KRW-BTC > 100": 1}
    with pytest.raises(ValueError, match="max_alerts must be None or an int >= 1"):
        asyncio.run(watch(stream, [parse_rule("KRW-BTC > 100")], max_alerts=0))  # type: ignore[arg-type]


def test_command_is_killed_after_its_timeout(tmp_path: Path) -> None:
    delivery = CommandDelivery([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5)
    started = time.monotonic()
    with pytest.raises(RuntimeError, match=r"still running after 0\.5 s, killed"):
        asyncio.run(delivery.send(an_alert()))
    assert time.monotonic() - started < 5


def test_delivery_arguments_are_checked() -> None:
    with pytest.raises(ValueError, match="webhook url must be an http"):
        WebhookDelivery("ftp://example.com/x")
    with pytest.raises(ValueError, match="timeout must be a number of seconds > 0"):
        WebhookDelivery("http://127.0.0.1/x", timeout=0)
    with pytest.raises(ValueError, match="command must name a program"):
        CommandDelivery("   ")
    with pytest.raises(ValueError, match="rules must not be empty"):
        AlertEngine([])
