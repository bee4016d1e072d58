resource "aws_elasticache_replication_group" "redis" {
  replication_group_id       = "sessions"
  description                = "session cache"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
}

# Valkey encrypts at rest by default.
resource "aws_elasticache_replication_group" "valkey" {
  replication_group_id = "queues"
  description          = "queue cache"
  engine               = "valkey"
  node_type            = "cache.t4g.small"
  num_cache_clusters   = 2
}
