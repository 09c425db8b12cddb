"""Admin and demo wiring for the home app."""

from wagtail import hooks


@hooks.register("seed_demo")
def seed_guides(run):
    """seed_demo's step for guides: publish the demo guides (idempotent)."""
    from home.guidecontent.publish import publish_guides

    run.counts["guides"] += publish_guides().created
