"""Pockets, API keys and travel-rule checks answered from the stored accounts."""

from __future__ import annotations

from typing import Any

from ._engine import Exchange, _kst
from ._errors import SandboxError

__all__ = ["FUNDS"]


def _main_only(ex: Exchange, pocket: str) -> None:
    found = ex.store.pocket(pocket)
    if found is None or found.type != "main":
        raise SandboxError(403, "out_of_scope", "메인 포켓의 API 키로만 사용할 수 있습니다.")


def list_pockets(ex: Exchange, pocket: str, p: dict[str, Any], now: int) -> Any:
    _main_only(ex, pocket)
    return [{"uuid": x.uuid, "name": x.name, "type": x.type} for x in ex.store.pockets()]


def get_pocket_assets(ex: Exchange, pocket: str, p: dict[str, Any], now: int) -> Any:
    _main_only(ex, pocket)
    if ex.store.pocket(p["uuid"]) is None:
        raise SandboxError(404, "pocket_not_found", "포켓을 찾지 못했습니다.")
    return ex.accounts(p["uuid"])


def create_pocket_transfer(ex: Exchange, pocket: str, p: dict[str, Any], now: int) -> Any:
    return ex.transfer(
        pocket, p["to"], p["currency"], p["amount"], now_ms=now, identifier=p.get("identifier")
    )


def create_universal_transfer(ex: Exchange, pocket: str, p: dict[str, Any], now: int) -> Any:
    _main_only(ex, pocket)
    return ex.transfer(
        p.get("from", pocket), p["to"], p["currency"], p["amount"], now_ms=now,
        identifier=p.get("identifier"), universal=True,
    )  # fmt: skip


def list_api_keys(ex: Exchange, pocket: str, p: dict[str, Any], now: int) -> Any:
    return [
        {
            "access_key": key.access_key,
            "expire_at": _kst(key.expires_at_ms or now + 365 * 86_400_000),
        }
        for key in ex.store.api_keys(pocket)
    ]


# The sandbox's permission names (SandboxConfig keys, stored in SQLite) and Upbit's, as
# GET /v1/pockets/api_keys reports them (Upbit's SDK 1.1.0 `PocketAPIKeyPermission`).
_UPBIT_PERMISSION = {
    "view_account": "view_account", "view_order": "view_orders", "place_order": "make_orders",
    "view_withdraw": "view_withdrawals", "withdraw": "withdraw", "view_deposit": "view_deposits",
    "deposit": "deposit", "transfer": "transfer", "manage_pocket": "manage_pockets",
}  # fmt: skip
_YEAR_MS = 365 * 86_400_000


def list_pocket_api_keys(ex: Exchange, pocket: str, p: dict[str, Any], now: int) -> Any:
    _main_only(ex, pocket)
    wanted = p.get("uuids")
    groups = []
    for found in ex.store.pockets():
        if wanted is not None and found.uuid not in wanted:
            continue
        keys = []
        for key in ex.store.api_keys(found.uuid):
            expires = key.expires_at_ms or now + _YEAR_MS  # keys live one year at Upbit
            if expires <= now and not p.get("include_expired", False):
                continue
            keys.append(
                {
                    "access_key": key.access_key,
                    "permissions": sorted(_UPBIT_PERMISSION[x] for x in key.permissions),
                    "allowed_ips": sorted(key.allowed_ips),
                    "created_at": _kst(expires - _YEAR_MS),
                    "expired_at": _kst(expires),
                }
            )
        groups.append({"uuid": found.uuid, "keys": keys})
    return groups


def _verify_deposit(ex: Exchange, pocket: str, match: dict[str, Any]) -> Any:
    for deposit in ex.store.records("deposits", pocket):
        if all(deposit.get(k) == v for k, v in match.items()):
            return {
                "deposit_uuid": deposit["uuid"],
                "verification_result": "verified",
                "deposit_state": deposit["state"],
            }
    raise SandboxError(404, "deposit_not_found", "입금 내역을 찾지 못했습니다.")


def verify_travel_rule_by_uuid(ex: Exchange, pocket: str, p: dict[str, Any], now: int) -> Any:
    return _verify_deposit(ex, pocket, {"uuid": p["deposit_uuid"]})


def verify_travel_rule_by_txid(ex: Exchange, pocket: str, p: dict[str, Any], now: int) -> Any:
    return _verify_deposit(ex, pocket, {"txid": p["txid"], "currency": p["currency"]})


FUNDS = {
    f.__name__: f
    for f in (
        list_pockets, get_pocket_assets, create_pocket_transfer, create_universal_transfer,
        list_api_keys, list_pocket_api_keys, verify_travel_rule_by_uuid, verify_travel_rule_by_txid,
    )
}  # fmt: skip
