"""Tests of one module or rule at a time, without the dispatcher."""
