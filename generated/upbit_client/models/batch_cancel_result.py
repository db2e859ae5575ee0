from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.batch_cancel_group import BatchCancelGroup


T = TypeVar("T", bound="BatchCancelResult")


@_attrs_define
class BatchCancelResult:
    """Outcome of a batch cancel (DELETE /v1/orders/uuids, DELETE /v1/orders/open).

    Attributes:
        success (BatchCancelGroup): Orders whose cancellation was accepted (`success`) or refused (`failed`).
        failed (BatchCancelGroup): Orders whose cancellation was accepted (`success`) or refused (`failed`).
    """

    success: BatchCancelGroup
    failed: BatchCancelGroup
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success.to_dict()

        failed = self.failed.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
                "failed": failed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.batch_cancel_group import BatchCancelGroup

        d = dict(src_dict)
        success = BatchCancelGroup.from_dict(d.pop("success"))

        failed = BatchCancelGroup.from_dict(d.pop("failed"))

        batch_cancel_result = cls(
            success=success,
            failed=failed,
        )

        batch_cancel_result.additional_properties = d
        return batch_cancel_result

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
