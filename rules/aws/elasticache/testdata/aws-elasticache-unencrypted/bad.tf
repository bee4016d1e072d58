resource "aws_elasticache_replication_group" "default" { # want: aws-elasticache-unencrypted "not encrypted at rest"
  replication_group_id = "sessions"
  description          = "session cache"
  node_type            = "cache.t4g.small"
  num_cache_clusters   = 2
}

resource "aws_elasticache_replication_group" "off" {
  replication_group_id       = "queues"
  description                = "queue cache"
  engine                     = "valkey"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = false # want: aws-elasticache-unencrypted
}
