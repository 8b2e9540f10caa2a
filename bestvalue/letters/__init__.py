"""Letters: generated from the record, and imported from existing letters and statements."""
