"""Contains all the data models used in inputs/outputs"""

from .account import Account
from .api_key import ApiKey
from .batch_cancel_group import BatchCancelGroup
from .batch_cancel_order import BatchCancelOrder
from .batch_cancel_result import BatchCancelResult
from .cancel_and_new_order_request import CancelAndNewOrderRequest
from .cancel_and_new_order_request_new_ord_type import (
    CancelAndNewOrderRequestNewOrdType,
)
from .cancel_and_new_order_request_new_smp_type import (
    CancelAndNewOrderRequestNewSmpType,
)
from .cancel_and_new_order_request_new_time_in_force import (
    CancelAndNewOrderRequestNewTimeInForce,
)
from .cancel_and_new_order_result import CancelAndNewOrderResult
from .cancel_open_orders_cancel_side import CancelOpenOrdersCancelSide
from .cancel_open_orders_order_by import CancelOpenOrdersOrderBy
from .create_deposit_address_request import CreateDepositAddressRequest
from .create_order_request import CreateOrderRequest
from .create_order_request_ord_type import CreateOrderRequestOrdType
from .create_order_request_side import CreateOrderRequestSide
from .create_order_request_smp_type import CreateOrderRequestSmpType
from .create_order_request_time_in_force import CreateOrderRequestTimeInForce
from .create_pocket_transfer_request import CreatePocketTransferRequest
from .create_universal_transfer_request import CreateUniversalTransferRequest
from .day_candle import DayCandle
from .deposit import Deposit
from .deposit_address import DepositAddress
from .deposit_address_creation import DepositAddressCreation
from .deposit_chance import DepositChance
from .deposit_krw_request import DepositKrwRequest
from .deposit_krw_request_two_factor_type import DepositKrwRequestTwoFactorType
from .exchange_error import ExchangeError
from .exchange_error_error import ExchangeErrorError
from .list_closed_orders_order_by import ListClosedOrdersOrderBy
from .list_closed_orders_state import ListClosedOrdersState
from .list_closed_orders_states_item import ListClosedOrdersStatesItem
from .list_day_candles_converting_price_unit import ListDayCandlesConvertingPriceUnit
from .list_deposits_order_by import ListDepositsOrderBy
from .list_deposits_state import ListDepositsState
from .list_minute_candles_unit import ListMinuteCandlesUnit
from .list_open_orders_order_by import ListOpenOrdersOrderBy
from .list_open_orders_state import ListOpenOrdersState
from .list_open_orders_states_item import ListOpenOrdersStatesItem
from .list_orders_by_ids_order_by import ListOrdersByIdsOrderBy
from .list_orders_order_by import ListOrdersOrderBy
from .list_orders_state import ListOrdersState
from .list_orders_states_item import ListOrdersStatesItem
from .list_pocket_transfers_direction import ListPocketTransfersDirection
from .list_pocket_transfers_order_by import ListPocketTransfersOrderBy
from .list_pocket_transfers_states_item import ListPocketTransfersStatesItem
from .list_universal_transfers_order_by import ListUniversalTransfersOrderBy
from .list_universal_transfers_states_item import ListUniversalTransfersStatesItem
from .list_withdrawals_order_by import ListWithdrawalsOrderBy
from .list_withdrawals_state import ListWithdrawalsState
from .market_event import MarketEvent
from .market_event_caution import MarketEventCaution
from .minute_candle import MinuteCandle
from .month_candle import MonthCandle
from .order import Order
from .order_chance import OrderChance
from .order_chance_currency import OrderChanceCurrency
from .order_chance_market import OrderChanceMarket
from .order_detail import OrderDetail
from .order_list_item import OrderListItem
from .order_trade import OrderTrade
from .orderbook import Orderbook
from .orderbook_instrument import OrderbookInstrument
from .orderbook_supported_levels import OrderbookSupportedLevels
from .orderbook_unit import OrderbookUnit
from .pocket import Pocket
from .pocket_api_key import PocketApiKey
from .pocket_api_keys import PocketApiKeys
from .pocket_asset import PocketAsset
from .pocket_transfer import PocketTransfer
from .quotation_error import QuotationError
from .quotation_error_error import QuotationErrorError
from .second_candle import SecondCandle
from .ticker import Ticker
from .trade import Trade
from .trading_pair import TradingPair
from .travel_rule_vasp import TravelRuleVasp
from .travel_rule_verification import TravelRuleVerification
from .verify_travel_rule_by_txid_request import VerifyTravelRuleByTxidRequest
from .verify_travel_rule_by_uuid_request import VerifyTravelRuleByUuidRequest
from .wallet_status import WalletStatus
from .week_candle import WeekCandle
from .withdraw_coin_request import WithdrawCoinRequest
from .withdraw_coin_request_transaction_type import WithdrawCoinRequestTransactionType
from .withdraw_krw_request import WithdrawKrwRequest
from .withdraw_krw_request_two_factor_type import WithdrawKrwRequestTwoFactorType
from .withdrawal import Withdrawal
from .withdrawal_address import WithdrawalAddress
from .withdrawal_chance import WithdrawalChance
from .withdrawal_currency_info import WithdrawalCurrencyInfo
from .withdrawal_limit import WithdrawalLimit
from .withdrawal_member_level import WithdrawalMemberLevel
from .ws_announcement import WsAnnouncement
from .ws_announcement_simple import WsAnnouncementSimple
from .ws_candle import WsCandle
from .ws_candle_simple import WsCandleSimple
from .ws_data_type import WsDataType
from .ws_error import WsError
from .ws_error_error import WsErrorError
from .ws_format import WsFormat
from .ws_format_format import WsFormatFormat
from .ws_indicator import WsIndicator
from .ws_indicator_data_type import WsIndicatorDataType
from .ws_indicator_definition import WsIndicatorDefinition
from .ws_indicator_event_params import WsIndicatorEventParams
from .ws_indicator_event_params_simple import WsIndicatorEventParamsSimple
from .ws_indicator_params import WsIndicatorParams
from .ws_indicator_params_simple import WsIndicatorParamsSimple
from .ws_indicator_simple import WsIndicatorSimple
from .ws_indicator_value import WsIndicatorValue
from .ws_indicator_value_simple import WsIndicatorValueSimple
from .ws_list_subscriptions_item import WsListSubscriptionsItem
from .ws_list_subscriptions_item_simple import WsListSubscriptionsItemSimple
from .ws_list_subscriptions_method import WsListSubscriptionsMethod
from .ws_list_subscriptions_method_method import WsListSubscriptionsMethodMethod
from .ws_list_subscriptions_response import WsListSubscriptionsResponse
from .ws_list_subscriptions_response_simple import WsListSubscriptionsResponseSimple
from .ws_my_asset import WsMyAsset
from .ws_my_asset_item import WsMyAssetItem
from .ws_my_asset_item_simple import WsMyAssetItemSimple
from .ws_my_asset_simple import WsMyAssetSimple
from .ws_my_order import WsMyOrder
from .ws_my_order_simple import WsMyOrderSimple
from .ws_orderbook import WsOrderbook
from .ws_orderbook_simple import WsOrderbookSimple
from .ws_orderbook_unit import WsOrderbookUnit
from .ws_orderbook_unit_simple import WsOrderbookUnitSimple
from .ws_status import WsStatus
from .ws_ticker import WsTicker
from .ws_ticker_simple import WsTickerSimple
from .ws_ticket import WsTicket
from .ws_trade import WsTrade
from .ws_trade_simple import WsTradeSimple
from .year_candle import YearCandle

__all__ = (
    "Account",
    "ApiKey",
    "BatchCancelGroup",
    "BatchCancelOrder",
    "BatchCancelResult",
    "CancelAndNewOrderRequest",
    "CancelAndNewOrderRequestNewOrdType",
    "CancelAndNewOrderRequestNewSmpType",
    "CancelAndNewOrderRequestNewTimeInForce",
    "CancelAndNewOrderResult",
    "CancelOpenOrdersCancelSide",
    "CancelOpenOrdersOrderBy",
    "CreateDepositAddressRequest",
    "CreateOrderRequest",
    "CreateOrderRequestOrdType",
    "CreateOrderRequestSide",
    "CreateOrderRequestSmpType",
    "CreateOrderRequestTimeInForce",
    "CreatePocketTransferRequest",
    "CreateUniversalTransferRequest",
    "DayCandle",
    "Deposit",
    "DepositAddress",
    "DepositAddressCreation",
    "DepositChance",
    "DepositKrwRequest",
    "DepositKrwRequestTwoFactorType",
    "ExchangeError",
    "ExchangeErrorError",
    "ListClosedOrdersOrderBy",
    "ListClosedOrdersState",
    "ListClosedOrdersStatesItem",
    "ListDayCandlesConvertingPriceUnit",
    "ListDepositsOrderBy",
    "ListDepositsState",
    "ListMinuteCandlesUnit",
    "ListOpenOrdersOrderBy",
    "ListOpenOrdersState",
    "ListOpenOrdersStatesItem",
    "ListOrdersByIdsOrderBy",
    "ListOrdersOrderBy",
    "ListOrdersState",
    "ListOrdersStatesItem",
    "ListPocketTransfersDirection",
    "ListPocketTransfersOrderBy",
    "ListPocketTransfersStatesItem",
    "ListUniversalTransfersOrderBy",
    "ListUniversalTransfersStatesItem",
    "ListWithdrawalsOrderBy",
    "ListWithdrawalsState",
    "MarketEvent",
    "MarketEventCaution",
    "MinuteCandle",
    "MonthCandle",
    "Order",
    "OrderChance",
    "OrderChanceCurrency",
    "OrderChanceMarket",
    "OrderDetail",
    "OrderListItem",
    "OrderTrade",
    "Orderbook",
    "OrderbookInstrument",
    "OrderbookSupportedLevels",
    "OrderbookUnit",
    "Pocket",
    "PocketApiKey",
    "PocketApiKeys",
    "PocketAsset",
    "PocketTransfer",
    "QuotationError",
    "QuotationErrorError",
    "SecondCandle",
    "Ticker",
    "Trade",
    "TradingPair",
    "TravelRuleVasp",
    "TravelRuleVerification",
    "VerifyTravelRuleByTxidRequest",
    "VerifyTravelRuleByUuidRequest",
    "WalletStatus",
    "WeekCandle",
    "WithdrawCoinRequest",
    "WithdrawCoinRequestTransactionType",
    "WithdrawKrwRequest",
    "WithdrawKrwRequestTwoFactorType",
    "Withdrawal",
    "WithdrawalAddress",
    "WithdrawalChance",
    "WithdrawalCurrencyInfo",
    "WithdrawalLimit",
    "WithdrawalMemberLevel",
    "WsAnnouncement",
    "WsAnnouncementSimple",
    "WsCandle",
    "WsCandleSimple",
    "WsDataType",
    "WsError",
    "WsErrorError",
    "WsFormat",
    "WsFormatFormat",
    "WsIndicator",
    "WsIndicatorDataType",
    "WsIndicatorDefinition",
    "WsIndicatorEventParams",
    "WsIndicatorEventParamsSimple",
    "WsIndicatorParams",
    "WsIndicatorParamsSimple",
    "WsIndicatorSimple",
    "WsIndicatorValue",
    "WsIndicatorValueSimple",
    "WsListSubscriptionsItem",
    "WsListSubscriptionsItemSimple",
    "WsListSubscriptionsMethod",
    "WsListSubscriptionsMethodMethod",
    "WsListSubscriptionsResponse",
    "WsListSubscriptionsResponseSimple",
    "WsMyAsset",
    "WsMyAssetItem",
    "WsMyAssetItemSimple",
    "WsMyAssetSimple",
    "WsMyOrder",
    "WsMyOrderSimple",
    "WsOrderbook",
    "WsOrderbookSimple",
    "WsOrderbookUnit",
    "WsOrderbookUnitSimple",
    "WsStatus",
    "WsTicker",
    "WsTickerSimple",
    "WsTicket",
    "WsTrade",
    "WsTradeSimple",
    "YearCandle",
)
