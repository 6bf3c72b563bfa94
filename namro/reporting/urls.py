"""Pages of working regulations, reports and escalations, under /reports/. Each part keeps
its own list of patterns; every pattern has an entry in the authorization matrix."""

from namro.reporting.urls_escalations import urlpatterns as escalation_patterns
from namro.reporting.urls_regulations import urlpatterns as regulation_patterns
from namro.reporting.urls_reports import urlpatterns as report_patterns

app_name = "reporting"

urlpatterns = [*regulation_patterns, *report_patterns, *escalation_patterns]
