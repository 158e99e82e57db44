"""Signing in: django-allauth's adapters and the hub's rules around them (invitation only, MFA
for every password account, sessions that end)."""
