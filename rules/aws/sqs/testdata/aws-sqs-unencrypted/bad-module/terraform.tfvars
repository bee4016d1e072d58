legacy_consumer = true
