"""Open data: the register's datasets as streamed CSV and JSON, with JSON Schemas and column
dictionaries; also written by `bestvalue export`."""
