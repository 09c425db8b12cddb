"""Settings come from the environment, with safe defaults and a production mode that
passes Django's deployment checklist. Each case imports settings in a fresh interpreter
with a controlled environment, as a deployment would."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x7!kq2" * 10,
    "ALLOWED_HOSTS": "inscope.example.org",
    "DATABASE_URL": "postgres://inscope:secret@db.internal:5432/inscope",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "ELASTICSEARCH_URL": "http://search.internal:9200",
}


def run_python(code, env):
    clean = {
        key: value for key, value in os.environ.items() if key not in PRODUCTION and key != "DJANGO_SETTINGS_MODULE"
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def settings_as_seen_with(env):
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'],"
        "'db_name': str(settings.DATABASES['default']['NAME']),"
        "'cache': settings.CACHES['default']['BACKEND'],"
        "'search': settings.INSCOPE_SEARCH['BACKEND'],"
        "'debug': settings.DEBUG, 'hosts': settings.ALLOWED_HOSTS,"
        "'email': settings.EMAIL_BACKEND, 'ssl_redirect': settings.SECURE_SSL_REDIRECT}))"
    )
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_nothing_set_means_the_embedded_default():
    seen = settings_as_seen_with({})
    assert seen["engine"] == "django.db.backends.sqlite3"
    assert seen["db_name"].endswith("db.sqlite3")
    assert seen["cache"].endswith("LocMemCache")
    assert seen["search"] == "search.backends.database.DatabaseBackend"
    assert seen["email"].endswith("console.EmailBackend")
    assert seen["debug"] is False


def test_production_environment_selects_postgres_redis_and_elasticsearch():
    seen = settings_as_seen_with(PRODUCTION)
    assert seen["engine"] == "django.db.backends.postgresql"
    assert seen["db_name"] == "inscope"
    assert seen["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert seen["search"] == "search.backends.elasticsearch.ElasticsearchBackend"
    assert seen["hosts"] == ["inscope.example.org"]
    assert seen["ssl_redirect"] is True


def test_smtp_is_used_when_a_mail_host_is_set():
    assert settings_as_seen_with({"EMAIL_HOST": "smtp.example.org"})["email"].endswith("smtp.EmailBackend")


def test_a_malformed_boolean_is_refused_with_its_name():
    result = run_python("import django; django.setup()", {"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}, **PRODUCTION},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("unsafe", [{"DEBUG": "1"}, {"SECRET_KEY": "short"}])
def test_the_checklist_notices_unsafe_production_values(unsafe):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}, **PRODUCTION, **unsafe},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0


def postgres_options_with(env):
    code = (
        "import django; from django.conf import settings; django.setup();"
        "print(settings.DATABASES['default']['OPTIONS']['options'])"
    )
    return run_python(code, {"DATABASE_URL": PRODUCTION["DATABASE_URL"], **env})


def test_postgres_connections_run_without_jit_and_sort_search_candidates_in_memory():
    result = postgres_options_with({})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["-c", "jit=off", "-c", "work_mem=16MB"]
    assert "work_mem=64MB" in postgres_options_with({"DATABASE_WORK_MEM": "64MB"}).stdout


def test_a_malformed_work_mem_stops_start_up_with_the_variable_named():
    result = postgres_options_with({"DATABASE_WORK_MEM": "16MB -c statement_timeout=1"})
    assert result.returncode != 0
    assert "DATABASE_WORK_MEM must look like 16MB" in result.stderr
