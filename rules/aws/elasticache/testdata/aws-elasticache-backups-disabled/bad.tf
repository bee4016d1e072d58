resource "aws_elasticache_replication_group" "default" { # want: aws-elasticache-backups-disabled "no automatic backups"
  replication_group_id = "sessions"
  description          = "session cache"
  node_type            = "cache.t4g.small"
  num_cache_clusters   = 2
}

resource "aws_elasticache_cluster" "single" {
  cluster_id               = "single"
  engine                   = "redis"
  node_type                = "cache.t4g.small"
  num_cache_nodes          = 1
  snapshot_retention_limit = 0 # want: aws-elasticache-backups-disabled
}
