"""Every public form counts attempts per client address the same way."""

import pytest
from django.core.cache import cache

from home import ratelimit


def test_without_trusted_proxies_the_socket_address_is_used_and_forwarded_headers_ignored(rf, settings):
    settings.RATE_LIMIT_TRUSTED_PROXIES = 0
    request = rf.post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert ratelimit.client_ip(request) == "10.0.0.2"


def test_behind_one_trusted_proxy_the_address_it_appended_is_used(rf, settings):
    settings.RATE_LIMIT_TRUSTED_PROXIES = 1
    request = rf.post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert ratelimit.client_ip(request) == "198.51.100.7"  # the spoofable first entry is ignored


def test_a_short_forwarded_header_falls_back_to_the_socket_address(rf, settings):
    settings.RATE_LIMIT_TRUSTED_PROXIES = 2
    request = rf.post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert ratelimit.client_ip(request) == "10.0.0.2"


def test_allow_refuses_once_the_limit_is_used_within_the_window():
    assert [ratelimit.allow("test:a", limit=2, window=60) for _ in range(3)] == [True, True, False]
    assert ratelimit.allow("test:b", limit=2, window=60), "another key has its own budget"


def test_the_cache_never_holds_the_address_in_clear():
    ratelimit.hit("appointment:ip:203.0.113.9", 60)
    keys = list(getattr(cache, "_cache", {}).keys())
    assert keys and not any("203.0.113.9" in str(key) for key in keys)


@pytest.mark.parametrize("value", ["203.0.113.9", "patient@example.org"])
def test_keyed_hashes_are_stable_and_depend_on_the_secret(value, settings):
    first = ratelimit.keyed_hash(value)
    assert first == ratelimit.keyed_hash(value)
    settings.SECRET_KEY = "another secret " * 4
    assert ratelimit.keyed_hash(value) != first
