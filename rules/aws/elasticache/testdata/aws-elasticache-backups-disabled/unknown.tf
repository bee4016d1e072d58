variable "engine" {
  type = string
}

variable "retention" {
  type = number
}

resource "aws_elasticache_cluster" "this" { # unknown: aws-elasticache-backups-disabled "engine"
  cluster_id      = "cache"
  engine          = var.engine
  node_type       = "cache.t4g.small"
  num_cache_nodes = 1
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id     = "sessions"
  description              = "session cache"
  node_type                = "cache.t4g.small"
  num_cache_clusters       = 2
  snapshot_retention_limit = var.retention # unknown: aws-elasticache-backups-disabled
}
