variable "tls" {
  type = bool
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id       = "sessions"
  description                = "session cache"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  transit_encryption_enabled = var.tls # unknown: aws-elasticache-transit-unencrypted
}
