"""Ward's Linux release, installed into a pre-commit hook environment by the repository's setup.py."""
