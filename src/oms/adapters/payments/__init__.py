"""Payment providers: a deterministic one for tests and demos (`scripted.py`); real ones come with their contracts."""
