"""Build: settings, finding guides, batches over worker processes, the cache, shards and progress."""
