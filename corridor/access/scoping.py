"""The fail-closed base for state-owned records.

``StateOwnedModel.objects`` refuses to run a query until it has been scoped, either to
what an actor may see (``visible_to(actor)``) or, for system work such as key rotation
and migrations, explicitly with ``unscoped()`` so that every such place can be found by
searching for the word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Self

from django.db import models
from django.utils.translation import gettext_lazy as _

from corridor.core.models import PublicIdModel

if TYPE_CHECKING:
    from corridor.access.actor import Actor


class ScopeRequired(RuntimeError):
    """A state-owned table was queried without saying on whose behalf."""


class StateScopedQuerySet(models.QuerySet[Any]):
    _corridor_scoped: bool = False

    def _clone(self) -> Self:
        clone = super()._clone()  # type: ignore[misc]
        clone._corridor_scoped = self._corridor_scoped
        return clone

    def _guard(self) -> None:
        if not self._corridor_scoped:
            raise ScopeRequired(
                f"{self.model._meta.label} is state-owned: call visible_to(actor) or unscoped()."
            )

    def visible_to(self, actor: Actor) -> Self:
        from corridor.access import policy

        scoped = self.filter(policy.visible_q(actor, self.model))
        scoped._corridor_scoped = True
        return scoped

    def unscoped(self) -> Self:
        clone = self._chain()  # type: ignore[attr-defined]
        clone._corridor_scoped = True
        return clone  # type: ignore[no-any-return]

    def for_state(self, state: str) -> Self:
        """System work on one state's rows (for example re-encryption under a new key)."""
        return self.unscoped().filter(state_id=state)

    def by_key(self, field: str, value: Any) -> Self:
        """The one row whose secret key the caller holds (a complainant's reference number):
        knowing it is the authority, for that row only. ``field`` must be unique."""
        if not self.model._meta.get_field(field).unique:
            raise ValueError(f"{self.model._meta.label}.{field} is not unique: not a key")
        return self.unscoped().filter(**{field: value})

    # Every path that reads rows goes through one of these.
    def _fetch_all(self) -> None:
        if self._result_cache is None:
            self._guard()
        super()._fetch_all()  # type: ignore[misc]

    def count(self) -> int:
        self._guard()
        return super().count()

    def exists(self) -> bool:
        self._guard()
        return super().exists()

    def aggregate(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        self._guard()
        return super().aggregate(*args, **kwargs)

    def iterator(self, chunk_size: int | None = None) -> Any:
        self._guard()
        return super().iterator(chunk_size=chunk_size)

    def update(self, **kwargs: Any) -> int:
        self._guard()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        self._guard()
        return super().delete()

    def in_bulk(self, *args: Any, **kwargs: Any) -> dict[Any, Any]:
        self._guard()
        return super().in_bulk(*args, **kwargs)


class StateOwnedManager(models.Manager[Any]):
    def get_queryset(self) -> StateScopedQuerySet:
        return StateScopedQuerySet(self.model, using=self._db)

    def visible_to(self, actor: Actor) -> StateScopedQuerySet:
        return self.get_queryset().visible_to(actor)

    def unscoped(self) -> StateScopedQuerySet:
        return self.get_queryset().unscoped()

    def for_state(self, state: str) -> StateScopedQuerySet:
        return self.get_queryset().for_state(state)

    def by_key(self, field: str, value: Any) -> StateScopedQuerySet:
        return self.get_queryset().by_key(field, value)


class StateOwnedModel(PublicIdModel):
    """A record owned by one state. Subclasses name their record type and permissions.

    ``origin_state_field`` and ``protected_field`` switch on the protection block: a
    protected person's record is never shown to the person's origin state by another state.
    """

    state = models.ForeignKey(
        "reference.Country", verbose_name=_("owner state"), on_delete=models.PROTECT, related_name="+"
    )

    # Django's internal lookups (forward relations, refresh_from_db) use its automatic
    # plain base manager; every query written in Corridor goes through this one.
    objects = StateOwnedManager()

    view_permission: ClassVar[str] = ""
    protected_permission: ClassVar[str] = ""
    origin_state_field: ClassVar[str | None] = None
    protected_field: ClassVar[str | None] = None
    sensitive: ClassVar[bool] = False

    class Meta:
        abstract = True

    @classmethod
    def record_type(cls) -> str:
        return cls._meta.label_lower

    @classmethod
    def audit_entity(cls) -> str:
        return cls._meta.model_name or ""
