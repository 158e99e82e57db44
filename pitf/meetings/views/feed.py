"""The private calendar feed: its page, and the feed itself for calendar programs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from pitf.links import absolute, request_base
from pitf.meetings import calendar, selectors, services
from pitf.meetings.views.layout import _crumbs
from pitf.pages import done
from pitf.tokens import token_hash

FEED_REQUESTS_PER_MINUTE = 30


@require_http_methods(["GET", "POST"])
def calendar_feed(request):
    """The person's private calendar address: create it, replace it, or turn it off."""
    from pitf.meetings.models import CalendarFeed

    token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.feed_revoke(actor=request.user)
            return done(request, "Your calendar address is turned off.", "meetings:feed")
        token = services.feed_issue(actor=request.user)
    feed = CalendarFeed.objects.filter(person=request.user).first()
    address = (
        absolute(reverse("meetings:feed-ics", args=[token]), request_base(request)) if token else ""
    )
    # webcal: asks the person's calendar program to subscribe (RFC 5545's informal scheme).
    subscribe = "webcal:" + address.split(":", 1)[1] if address else ""
    return render(
        request,
        "meetings/feed.html",
        {"feed": feed, "address": address, "subscribe": subscribe, "crumbs": _crumbs()[:1]},
    )


@login_not_required
def calendar_feed_ics(request, token: str):
    """The feed itself: every meeting the person is on the list of, for a calendar program to
    subscribe to. No sign-in (the token is the key), at most 30 requests a minute per address."""
    from django.core.cache import cache

    person = services.feed_person(token)
    if person is None:
        raise Http404("No such calendar.")
    # A window of a minute from the first request of the address.
    key = f"meetings:feed:{token_hash(token)[:20]}"
    cache.add(key, 0, timeout=60)
    if cache.incr(key) > FEED_REQUESTS_PER_MINUTE:
        response = HttpResponse("Too many requests; try again in a minute.", status=429)
        response["Retry-After"] = "60"
        return response
    # Each event names its organizer (who scheduled it): read with the meetings, not per event.
    invitations = selectors.meetings_of_person(user=person).select_related("meeting__scheduled_by")
    meetings = [i.meeting for i in invitations]
    name = f"PITF hub: meetings of {person.full_name or person.email}"
    response = HttpResponse(
        calendar.download_ics(meetings, name=name), content_type="text/calendar"
    )
    response["Cache-Control"] = "private, no-store"
    return response
