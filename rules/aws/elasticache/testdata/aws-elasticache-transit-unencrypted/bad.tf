resource "aws_elasticache_replication_group" "default" { # want: aws-elasticache-transit-unencrypted "does not encrypt connections"
  replication_group_id = "sessions"
  description          = "session cache"
  node_type            = "cache.t4g.small"
  num_cache_clusters   = 2
}

resource "aws_elasticache_replication_group" "preferred" {
  replication_group_id       = "queues"
  description                = "queue cache"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  transit_encryption_enabled = true
  transit_encryption_mode    = "preferred" # want: aws-elasticache-transit-unencrypted "preferred"
}
