"""The floor `make bench` measures against: a tiny Django project whose one view answers "ok"."""
