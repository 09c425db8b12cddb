"""What a demo step receives, and the hook through which other apps add their own steps.

An app that has demo data of its own (reviews, say) registers a function in its
wagtail_hooks.py; seed_demo calls it after the directory is built, inside a
transaction, with the DemoRun below:

    from wagtail import hooks

    @hooks.register("seed_demo")
    def seed_reviews(run):
        rng = run.rng("reviews")  # its own stream: adding a step never changes others' data
        for practitioner in run.practitioners:
            ...  # skip what exists, so a second run creates nothing
        run.counts["reviews"] += created

Steps run in hook order (hooks.register's `order`), each in its own transaction.
"""

import random
from dataclasses import dataclass, field

HOOK_NAME = "seed_demo"


@dataclass
class DemoRun:
    plan: object  # directory.demodata.plan.DemoPlan
    users: dict  # "admin", "moderator", "manager" -> User
    clinics: list = field(default_factory=list)  # ClinicPage, in plan order
    practitioners: list = field(default_factory=list)  # PractitionerPage, in plan order
    counts: object = None  # collections.Counter of what was created; steps add their own

    @property
    def seed(self):
        return self.plan.seed

    @property
    def today(self):
        return self.plan.today

    def rng(self, name):
        """A random stream for one step, independent of every other step's draws."""
        return random.Random(f"{self.plan.seed}:{name}")
