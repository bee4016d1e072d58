resource "aws_elasticache_replication_group" "this" {
  replication_group_id     = "sessions"
  description              = "session cache"
  node_type                = "cache.t4g.small"
  num_cache_clusters       = 2
  snapshot_retention_limit = 7
}

# Memcached keeps no backups.
resource "aws_elasticache_cluster" "memcached" {
  cluster_id      = "pages"
  engine          = "memcached"
  node_type       = "cache.t4g.small"
  num_cache_nodes = 2
}

# A member follows its replication group.
resource "aws_elasticache_cluster" "member" {
  cluster_id           = "sessions-003"
  replication_group_id = aws_elasticache_replication_group.this.id
}
