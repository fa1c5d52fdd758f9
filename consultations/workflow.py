"""Which status changes make sense for a consultation: plain data, used by the service and the detail page."""

NEW, IN_REVIEW, CONTACTED, BOOKED, CLOSED, CANCELLED = "new", "in-review", "contacted", "booked", "closed", "cancelled"

TRANSITIONS: dict[str, tuple[str, ...]] = {
    NEW: (IN_REVIEW, CONTACTED, CANCELLED),
    IN_REVIEW: (CONTACTED, BOOKED, CLOSED, CANCELLED),
    CONTACTED: (IN_REVIEW, BOOKED, CLOSED, CANCELLED),
    BOOKED: (CONTACTED, CLOSED, CANCELLED),
    CLOSED: (IN_REVIEW,),  # reopen
    CANCELLED: (IN_REVIEW,),  # reopen
}


def allowed_next(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def is_allowed(from_status: str, to_status: str) -> bool:
    return to_status in allowed_next(from_status)
