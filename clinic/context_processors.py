"""What every page may show of the clinic itself: its name and how to reach it (settings CLINIC_*)."""

from django.conf import settings


def clinic(request):
    return {
        "clinic": {
            "name": settings.CLINIC_NAME,
            "address": settings.CLINIC_ADDRESS,
            "phone": settings.CLINIC_PHONE,
            "opening_hours": settings.CLINIC_OPENING_HOURS,
        }
    }
