"""The coordination hub's project package and core: agencies, people, bodies, memberships,
designations and notifications."""

from pitf.celery import app as celery_app

__all__ = ("celery_app",)
