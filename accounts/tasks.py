from celery import shared_task
from django.utils import timezone


@shared_task
def purge_expired_invitations() -> int:
    """Delete invitations that expired more than 30 days ago and were never used."""
    from datetime import timedelta

    from .models import Invitation

    cutoff = timezone.now() - timedelta(days=30)
    deleted, _ = Invitation.objects.filter(accepted_at__isnull=True, expires_at__lt=cutoff).delete()
    return deleted
