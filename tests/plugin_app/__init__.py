"""A throwaway feature that tests/test_features.py installs to prove that a feature plugs into
the core through its AppConfig alone."""
