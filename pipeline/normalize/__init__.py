"""Normalisers: pure functions that turn matched text into canonical values."""
