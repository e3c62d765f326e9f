from rest_framework.pagination import PageNumberPagination


class CorridorPagination(PageNumberPagination):
    """Every list is paginated; a client may ask for at most 100 rows a page."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
