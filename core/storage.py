"""Where private files live: résumés, photos, portfolios, certificates, message attachments.

They are served only by views that check who asks (and answer 404 to anyone else), so the
storage has no public URL at all. Django's FileSystemStorage falls back to MEDIA_URL when
``base_url`` is empty, which would give ``{{ file.url }}`` in a template a /media/ link that
leads nowhere in development and, behind a web server that serves a wrong directory, to the
file itself; this storage refuses to make one.
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage


class PrivateFileHasNoURL(AttributeError):
    """An AttributeError, so the admin's file widget shows no "Currently: <link>" and a
    template's ``{{ file.url }}`` renders nothing, instead of a link or a server error."""


class PrivateStorage(FileSystemStorage):
    def url(self, name):
        raise PrivateFileHasNoURL(
            f"{name!r} is a private file: link the view that checks access, not the storage"
        )
