"""What the whole site shares: the per-client attempt counts behind the rate limits (clinic/rate_limits.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RateCount(models.Model):
    """How many attempts one client made in one window: the key names the limit, the client and the window."""

    key = models.CharField(max_length=200, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("rate count")

    def __str__(self):
        return f"{self.key}: {self.count}"
