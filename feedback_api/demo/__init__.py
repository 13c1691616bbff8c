"""The demo programme: hand-written material and a reproducible generator."""
