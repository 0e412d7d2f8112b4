"""When the site's data last changed: the date every page and open-data file shows as "last updated"."""

from __future__ import annotations

from collections.abc import Iterable

from ..load.models import Site, Strategy
from ..load.reviews import Review


def last_updated(strategy: Strategy, reviews: Iterable[Review], modified: str | None = None) -> str:
    """The latest of the plan's date, each review's `held` and the days its values refer to (`as_of`),
    and `modified` (data/site.yaml data_modified, for a later correction): "YYYY-MM" or "YYYY-MM-DD".

    Such texts sort as dates; of a month and a day in it, the day wins (it says more)."""
    dates = [strategy.issued, *(r.held for r in reviews),
             *(e.as_of.date for r in reviews for e in r.indicators if e.as_of is not None and e.as_of.date)]
    if modified:
        dates.append(modified)
    return max(dates)


def with_last_updated(site: Site, strategy: Strategy, reviews: Iterable[Review]) -> Site:
    """The settings with `data_modified` following the data, so pages and open data show one date."""
    return site.model_copy(update={"data_modified": last_updated(strategy, reviews, site.data_modified)})
