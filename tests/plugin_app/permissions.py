"""The throwaway feature's URL rules: its board is for site administrators only; its second URL
is left without a rule on purpose."""

from pitf.permissions import SITE_ADMIN

URL_RULES = {"plugin:board": SITE_ADMIN}
