"""Reviews and what they add up to.

RatingSummary is the one place ratings are read from: profiles, clinic pages and the
search index all use it, and the moderation code keeps it current. It hangs off the
page rather than living on it, so that publishing an old page revision can never
roll a rating back.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models


class RatingSummary(models.Model):
    """Approved-review ratings of one practitioner or clinic page."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="rating_summary"
    )
    count = models.PositiveIntegerField(default=0)
    average = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    stars_1 = models.PositiveIntegerField(default=0)
    stars_2 = models.PositiveIntegerField(default=0)
    stars_3 = models.PositiveIntegerField(default=0)
    stars_4 = models.PositiveIntegerField(default=0)
    stars_5 = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "rating summaries"

    def __str__(self):
        return f"{self.page_id}: {self.average} from {self.count}"

    def set_counts(self, counts):
        """Set the distribution from {stars: count} and derive count and average from it."""
        for stars in range(1, 6):
            setattr(self, f"stars_{stars}", counts.get(stars, 0))
        self.count = sum(counts.get(stars, 0) for stars in range(1, 6))
        if self.count:
            total = sum(stars * counts.get(stars, 0) for stars in range(1, 6))
            self.average = (Decimal(total) / self.count).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        else:
            self.average = None

    @property
    def histogram(self):
        """[(stars, count, percent)] from 5 stars down, for a bar chart."""
        rows = []
        for stars in range(5, 0, -1):
            count = getattr(self, f"stars_{stars}")
            rows.append((stars, count, round(100 * count / self.count) if self.count else 0))
        return rows
