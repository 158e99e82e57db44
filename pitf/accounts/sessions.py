"""Ending a person's sessions: every browser they are signed in on is signed out at once (used
when an account is deactivated)."""

from __future__ import annotations

from allauth.usersessions.models import UserSession


def end_sessions(user) -> int:
    """Delete every session of `user` (tracked by allauth.usersessions); their next request is
    anonymous. Returns how many sessions were ended."""
    sessions = list(UserSession.objects.filter(user_id=user.pk))
    for session in sessions:
        session.end()
    return len(sessions)
