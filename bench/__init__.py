"""Benchmarks for `make bench`; each module records `bench.results.Result`s into results.json."""
