"""Load test: searches, profiles, review submissions and moderation against gunicorn on PostgreSQL.

A fixed number of virtual users run for a fixed time (and at most --max-requests
requests) on loopback. Patients search (/api/search and /search/), open profiles and
write reviews through the real form, then confirm them with the signed link from the
e-mail (a file-based outbox); moderators log in to the admin and approve pending
reviews from the moderation queue. At the end the script checks, in the database:

- zero errors: no 5xx, no unexpected status, no connection error or timeout;
- zero lost writes: every accepted review exists once, in the state its author and the
  moderators left it; every approval took effect and was logged once.

It prints the load held: requests/s, p50 and p99 by kind. 429s (rate limits) are counted
apart from errors. The per-address review limit would refuse one loopback client after 5
reviews an hour, so the bench server trusts one proxy (RATE_LIMIT_TRUSTED_PROXIES=1) and
each review comes with its own X-Forwarded-For, as a real proxy would send for distinct
patients. Results: docs/RELIABILITY.md ("Load").

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/inscope_bench python bench/load_test.py --prepare
    DATABASE_URL=... REDIS_URL=redis://127.0.0.1:6379/6 python bench/load_test.py --duration 60 --users 8
"""

import argparse
import http.client
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TERMS = ["dry needling", "acupuncture", "sciatica", "low back pain", "physiotherapist", "neck pain", "headache", ""]
PATIENT_MIX = [("search_api", 30), ("search_page", 20), ("profile", 35), ("review", 15)]
EXPECTED = {  # kind: statuses that are not errors (429 is counted apart)
    "search_api": {200},
    "search_page": {200},
    "profile": {200},
    "review_form": {200},
    "review_submit": {302},
    "confirm_form": {200},
    "confirm": {200},
    "admin_login": {200, 302},
    "queue": {200},
    "approve": {302},
}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """One user's connection and cookies (gunicorn's sync workers close after each answer)."""

    def __init__(self, port, log):
        self.port, self.log, self.cookies = port, log, {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, kind, method, path, form=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as error:
            self.conn.close()
            self.log.record(kind, None, time.perf_counter() - started, f"{type(error).__name__}: {error}")
            return None, {}, ""
        self.log.record(kind, response.status, time.perf_counter() - started, path)
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, dict(response.getheaders()), text


class Log:
    def __init__(self):
        self.samples = defaultdict(list)  # kind: [seconds]
        self.statuses = defaultdict(lambda: defaultdict(int))
        self.errors = []
        self.count = 0
        self.lock = threading.Lock()

    def record(self, kind, status, seconds, detail):
        with self.lock:
            self.count += 1
            self.samples[kind].append(seconds)
            self.statuses[kind][status] += 1
            if status != 429 and status not in EXPECTED[kind]:
                self.errors.append(f"{kind} {status} {detail[:200]}")


class Outbox:
    """Confirmation links from the file-based e-mail backend, by recipient."""

    LINK = re.compile(r"http://[^/\s]+(/reviews/confirm/[^/\s]+/)")
    TO = re.compile(r"^To: (\S+)$", re.M)

    def __init__(self, folder):
        self.folder, self.sizes, self.links, self.lock = Path(folder), {}, {}, threading.Lock()

    def link_for(self, email, wait=10.0):
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            with self.lock:
                # A worker may append to a file already read (one file per backend instance).
                for entry in os.scandir(self.folder):
                    size = entry.stat().st_size
                    if self.sizes.get(entry.name) != size:
                        self.sizes[entry.name] = size
                        for message in Path(entry.path).read_text().split("\n" + "-" * 79 + "\n"):
                            to, link = self.TO.search(message), self.LINK.search(message)
                            if to and link:
                                self.links[to.group(1)] = link.group(1)
                if email in self.links:
                    return self.links[email]
            time.sleep(0.05)
        return None


class Run:
    def __init__(self, args, port, outbox, pages, places, mix=PATIENT_MIX):
        self.args, self.port, self.outbox, self.pages, self.places = args, port, outbox, pages, places
        self.mix = mix
        self.log = Log()
        self.deadline = time.monotonic() + args.duration
        self.submitted, self.confirmed, self.approved = {}, set(), {}  # email: page id; emails; pk: user
        self.serial = 0
        self.lock = threading.Lock()
        self.tag = f"{int(time.time())}"

    def running(self):
        return time.monotonic() < self.deadline and self.log.count < self.args.max_requests

    def next_serial(self):
        with self.lock:
            self.serial += 1
            return self.serial

    # -- patients -----------------------------------------------------------------------

    def patient(self, seed):
        rng = random.Random(seed)
        browser = Browser(self.port, self.log)
        kinds, weights = zip(*self.mix, strict=True)
        while self.running():
            kind = rng.choices(kinds, weights)[0]
            if kind == "profile":
                browser.request("profile", "GET", rng.choice(self.pages)[1])
            elif kind == "review":
                self.write_review(browser, rng)
            else:
                params = {"q": rng.choice(TERMS)}
                if rng.random() < 0.5:
                    params["where"] = rng.choice(self.places)
                path = "/api/search" if kind == "search_api" else "/search/"
                browser.request(kind, "GET", f"{path}?{urllib.parse.urlencode(params)}")

    def write_review(self, browser, rng):
        page_id, _ = rng.choice(self.pages)
        status, _, text = browser.request("review_form", "GET", f"/reviews/write/{page_id}/")
        token = CSRF.search(text or "")
        if status != 200 or not token:
            return
        n = self.next_serial()
        email = f"load-{self.tag}-{n}@example.net"
        form = {
            "csrfmiddlewaretoken": token.group(1),
            "rating": str(rng.randint(1, 5)),
            "title": f"Visit number {n}",
            "body": "The assessment was thorough and the exercises were explained clearly, thank you.",
            "visit_month": "2026-09",
            "display_name": "Load T.",
            "email": email,
            "own_experience": "on",
            "website": "",
        }
        # A distinct patient address per review, as the trusted proxy would forward it.
        forwarded = {"X-Forwarded-For": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"}
        status, _, _ = browser.request("review_submit", "POST", f"/reviews/write/{page_id}/", form, forwarded)
        if status != 302:
            return
        with self.lock:
            self.submitted[email] = page_id
        link = self.outbox.link_for(email)
        if link is None:
            self.log.errors.append(f"no confirmation e-mail for review {n}")
            return
        status, _, text = browser.request("confirm_form", "GET", link)
        token = CSRF.search(text or "")
        if status == 200 and token:
            status, _, _ = browser.request("confirm", "POST", link, {"csrfmiddlewaretoken": token.group(1)})
            if status == 200:
                with self.lock:
                    self.confirmed.add(email)

    # -- moderators -----------------------------------------------------------------------

    def moderator(self, index, username):
        browser = Browser(self.port, self.log)
        _, _, text = browser.request("admin_login", "GET", "/admin/login/")
        token = CSRF.search(text)
        if token is None:
            return  # the failed request is already counted as an error
        form = {"csrfmiddlewaretoken": token.group(1), "username": username}
        form |= {"password": self.args.password, "next": "/admin/"}
        status, _, _ = browser.request("admin_login", "POST", "/admin/login/", form)
        if status != 302:
            self.log.errors.append(f"moderator {username} could not log in ({status})")
            return
        moderators = len(self.args.moderators)
        while self.running():
            status, _, text = browser.request("queue", "GET", "/admin/moderation/?kind=review")
            mine = [
                (int(pk), token)
                for pk, token in re.findall(
                    r'action="/admin/moderation/decide/review/(\d+)/">\s*<input type="hidden" '
                    r'name="csrfmiddlewaretoken" value="([^"]+)"',
                    text or "",
                )
                if int(pk) % moderators == index and int(pk) not in self.approved
            ]
            if not mine:
                time.sleep(0.5)
                continue
            pk, token = mine[0]
            form = {"csrfmiddlewaretoken": token, "decision": "approve", "reason": "", "note": ""}
            form["next"] = "/admin/moderation/?kind=review"
            status, _, _ = browser.request("approve", "POST", f"/admin/moderation/decide/review/{pk}/", form)
            if status == 302:
                with self.lock:
                    self.approved[pk] = username

    def guarded(self, target, *args):
        """A virtual user that crashes is an error of the run, not a silent missing thread."""
        try:
            target(*args)
        except Exception as error:  # noqa: BLE001 - reported with the other errors
            self.log.errors.append(f"{target.__name__} crashed: {type(error).__name__}: {error}")

    def go(self):
        threads = [threading.Thread(target=self.guarded, args=(self.patient, seed)) for seed in range(self.args.users)]
        threads += [
            threading.Thread(target=self.guarded, args=(self.moderator, i, name))
            for i, name in enumerate(self.args.moderators)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return time.monotonic() - started


def lost_writes(run):
    """Every accepted review, confirmation and approval, as the database holds it now."""
    from reviews.models import AuditEntry, Review

    lost = []
    reviews = {r.email: r for r in Review.objects.filter(email__in=list(run.submitted)).select_related("decided_by")}
    for email, page_id in run.submitted.items():
        review = reviews.get(email)
        if review is None or review.page_id != page_id:
            lost.append(f"accepted review by {email} is missing")
            continue
        if email in run.confirmed and review.status == Review.Status.UNCONFIRMED:
            lost.append(f"confirmed review {review.pk} is still unconfirmed")
        if email not in run.confirmed and review.status != Review.Status.UNCONFIRMED:
            lost.append(f"review {review.pk} is {review.status} without a confirmation")
    for pk, username in run.approved.items():
        review = Review.objects.select_related("decided_by").filter(pk=pk).first()
        if review is None or review.status != Review.Status.APPROVED or review.decided_by.username != username:
            lost.append(f"approval of review {pk} by {username} did not take effect")
        logged = AuditEntry.objects.filter(target_id=str(pk), action=AuditEntry.Action.REVIEW_APPROVED).count()
        if logged != 1:
            lost.append(f"approval of review {pk} logged {logged} times")
    return lost


def report(run, seconds):
    log = run.log
    print(f"\n{log.count} requests in {seconds:.1f} s: {log.count / seconds:.1f} requests/s")
    print(f"{'kind':<14}{'count':>7}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}  statuses")
    for kind in EXPECTED:
        samples = sorted(log.samples.get(kind, []))
        if not samples:
            continue
        p50 = statistics.median(samples) * 1000
        p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))] * 1000
        statuses = " ".join(f"{s}:{n}" for s, n in sorted(log.statuses[kind].items(), key=str))
        print(f"{kind:<14}{len(samples):>7}{len(samples) / seconds:>8.1f}{p50:>9.0f}{p99:>9.0f}  {statuses}")
    refused = sum(statuses.get(429, 0) for statuses in log.statuses.values())
    print(f"reviews accepted {len(run.submitted)}, confirmed {len(run.confirmed)}, approved {len(run.approved)}")
    print(f"rate limited (429) {refused}; errors {len(log.errors)}")
    for error in log.errors[:20]:
        print("  error:", error)


def django_env(args, outbox):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "load-test-only-secret-key-not-for-production-0123456789"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "RATE_LIMIT_TRUSTED_PROXIES": "1",
        "STATIC_ROOT": str(args.static_root),
        "LOAD_TEST_OUTBOX": str(outbox),
    }


def prepare(env):
    """As docker/entrypoint.sh does, plus the demo data and the image's collectstatic."""
    for command in (
        ["migrate", "--noinput"],
        ["load_reference_data"],
        ["seed_demo"],
        ["collectstatic", "--noinput"],
        ["search_index", "rebuild", "--no-progress"],
    ):
        print("manage.py", *command, flush=True)
        subprocess.run([sys.executable, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--prepare", action="store_true", help="Migrate, load reference and demo data, collectstatic.")
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--users", type=int, default=8, help="Patients (virtual users), besides the moderators.")
    parser.add_argument("--moderators", nargs="+", default=["moderator", "admin"])
    parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "inscope-demo"))
    parser.add_argument("--max-requests", type=int, default=50_000, help="Upper bound on requests sent.")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (the Dockerfile's 3).")
    parser.add_argument("--port", type=int, default=8400)
    parser.add_argument("--static-root", type=Path, default=Path(tempfile.gettempdir()) / "inscope-load-static")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        parser.error("set DATABASE_URL to a PostgreSQL database of your own (it gets demo data)")
    outbox = Path(tempfile.mkdtemp(prefix="inscope-load-outbox-"))
    env = django_env(args, outbox)
    if args.prepare:
        prepare(env)
    os.environ.update({k: v for k, v in env.items() if k != "DJANGO_SETTINGS_MODULE"})
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.load_settings"
    import django

    django.setup()
    from django.core.cache import cache

    from directory.models import ClinicLocation, PractitionerPage

    cache.clear()  # rate-limit counters of earlier runs (the bench's own cache database)
    pages = [(page.pk, page.get_url()) for page in PractitionerPage.objects.live()]
    places = sorted(set(ClinicLocation.objects.values_list("city", flat=True)))[:10]
    print(f"{len(pages)} live practitioners; places {', '.join(places)}; load average {os.getloadavg()}")
    gunicorn = [str(Path(sys.executable).with_name("gunicorn")), "config.wsgi:application"]
    gunicorn += ["--bind", f"127.0.0.1:{args.port}", "--workers", str(args.workers), "--timeout", "30"]
    with open(outbox.parent / "inscope-load-gunicorn.log", "w") as server_log:
        server = subprocess.Popen(gunicorn, cwd=ROOT, env=env, stderr=server_log)
        try:
            wait_for(args.port)
            warm_up(args, pages, places)
            run = Run(args, args.port, Outbox(outbox), pages, places)
            seconds = run.go()
            load = os.getloadavg()
        finally:
            server.terminate()
            server.wait(timeout=30)
    report(run, seconds)
    lost = lost_writes(run)
    print(f"lost writes {len(lost)}; load average at the end {load}")
    for line in lost[:20]:
        print("  lost:", line)
    return 1 if (run.log.errors or lost) else 0


def warm_up(args, pages, places):
    """Each worker loads the place gazetteer and templates on its first requests: not measured."""
    for _ in range(args.workers * 3):
        for path in ("/api/search?q=sciatica&where=" + urllib.parse.quote(places[0]), "/search/?q=x", pages[0][1]):
            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=120)
            conn.request("GET", path)
            conn.getresponse().read()


def wait_for(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer on port {port} within {timeout} s")


if __name__ == "__main__":
    sys.exit(main())
