from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from namro.search.queries import search


@login_required
def results(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    sections = search(request.user, query)
    return render(request, "search/results.html", {"query": query, "sections": sections})
