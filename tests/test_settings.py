"""Production settings are strict and pass Django's deployment checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "PATH": os.environ.get("PATH", ""),
    "DJANGO_SETTINGS_MODULE": "namro.settings",
    "SECRET_KEY": "production-secret-" + "x" * 50 + "-not-a-real-one",
    "ALLOWED_HOSTS": "namro.example.vn",
    "DATABASE_URL": "sqlite:///:memory:",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_check_deploy() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "ture", "DEBUG='ture' is not a boolean"),
        ("SESSION_IDLE_MINUTES", "half", "SESSION_IDLE_MINUTES='half' is not an integer"),
        ("LOGIN_FAILURE_LIMIT", "0", "LOGIN_FAILURE_LIMIT=0 is below the minimum 1"),
    ],
)
def test_a_malformed_setting_stops_the_start(name: str, value: str, message: str) -> None:
    result = _manage("check", env={**PRODUCTION_ENV, name: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_demo_mode_generates_and_keeps_its_secret_key(tmp_path: Path) -> None:
    env = {**PRODUCTION_ENV, "NAMRO_DEMO": "1", "NAMRO_VAR_DIR": str(tmp_path)}
    del env["SECRET_KEY"]
    assert _manage("check", env=env).returncode == 0
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 50
    assert _manage("check", env=env).returncode == 0
    assert (tmp_path / "secret_key").read_text() == key
