"""Paging for the public job-ad search: counting 160,000 matches costs more than the page itself.

The count stops at ``SEARCH_COUNT_CAP``; beyond it the reader narrows the search (like most search
engines). Rows stay in a stable order (newest first, then id), so pages do not overlap.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Paginator

# Ten pages of 25. A common word matches tens of thousands of ads, found by scanning; 1,000 cost
# ~60 ms a request on 200,000 ads, 250 about 10 ms (bench/recruitment/README.md).
SEARCH_COUNT_CAP = 250


class CappedPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        rows: Any = self.object_list  # a QuerySet: count() of a slice stops at the cap
        # No ORDER BY (any index may serve) and no joins (values() drops select_related).
        return int(rows.order_by().values("pk")[:SEARCH_COUNT_CAP].count())
