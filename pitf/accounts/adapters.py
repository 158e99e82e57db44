"""django-allauth adapters: no open sign-up, by password or by single sign-on."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        """Single sign-on admits only people who already have an account, matched by verified
        e-mail; anyone else sees the closed sign-up page and nothing is created."""
        return False
