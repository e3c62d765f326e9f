"""Paging for the public job-ad search: counting 160,000 matches costs more than the page itself.

The count stops at ``SEARCH_COUNT_CAP``; beyond it the reader narrows the search (like most search
engines). Rows stay in a stable order (newest first, then id), so pages do not overlap.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Paginator

SEARCH_COUNT_CAP = 1000


class CappedPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        rows: Any = self.object_list  # a QuerySet: count() of a slice stops at the cap
        return int(rows.order_by()[:SEARCH_COUNT_CAP].count())  # no ORDER BY: any index may serve
