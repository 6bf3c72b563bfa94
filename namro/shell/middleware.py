"""A value the database cannot hold (a 25-digit id, a number out of range) is the reader's bad
input, not a server fault: answered 400 with a plain message, whatever page took it in. The
view's transaction has already rolled back, so nothing is half-saved."""

from __future__ import annotations

from collections.abc import Callable

from django.db import DataError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

BAD_VALUES = (OverflowError, DataError)


class BadValueMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, BAD_VALUES):
            return render(request, "400.html", status=400)
        return None
