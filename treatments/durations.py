"""How long a treatment lasts, in words: the clinic's months, and the public sources' figure beside them. Plain
Python, so the suggestion engine and the catalogue pages say it the same way."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def month_range(min_months: int, max_months: int) -> str:
    if min_months == max_months:
        return ngettext("about %(n)d month", "about %(n)d months", max_months) % {"n": max_months}
    return _("%(min)d to %(max)d months") % {"min": min_months, "max": max_months}


def reference_phrase(months: tuple[int, int], reference: tuple[int, int] | None, source: str) -> str:
    """What follows the clinic's `months`: " (this clinic's figure), longer than the 3 to 4 months given by the
    NHS". Where the clinic's figure runs longer, the phrase says so, so it never reads as a promise beyond the
    sources'. Built from the numbers, so an editor's change cannot leave a sentence saying something else."""
    if not (reference and all(reference) and source):
        return ""
    low, high = months
    ref_low, ref_high = reference
    # The source comes last in each phrase, so any wording an editor gives it ("the FDA, for hyaluronic acid
    # fillers") reads right.
    values = {"reference": month_range(ref_low, ref_high), "source": source}
    if low >= ref_low and high > ref_high:
        return _(" (this clinic's figure), longer than the %(reference)s given by %(source)s") % values
    return _(" (this clinic's figure); %(reference)s according to %(source)s") % values
