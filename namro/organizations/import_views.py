"""XLSX import pages (placeholder until the importer lands)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    raise Http404


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    raise Http404
