"""Fairs, booths, registrations, 1:1 interviews and the live queue, split by concept."""

from .attendance import Registration, Visit
from .booth import ONLINE_GRACE, Booth, Brochure, Representative
from .fair import Fair
from .interviews import Draw, DrawRequest, Interview, InterviewSlot
from .live import MAX_MESSAGE_LENGTH, Conversation, Message, QueueEntry

__all__ = [
    "MAX_MESSAGE_LENGTH",
    "ONLINE_GRACE",
    "Booth",
    "Brochure",
    "Conversation",
    "Draw",
    "DrawRequest",
    "Fair",
    "Interview",
    "InterviewSlot",
    "Message",
    "QueueEntry",
    "Registration",
    "Representative",
    "Visit",
]
