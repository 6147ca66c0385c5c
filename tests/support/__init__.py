"""Helpers the tests share: a real Mosquitto on a free port, real server processes."""
