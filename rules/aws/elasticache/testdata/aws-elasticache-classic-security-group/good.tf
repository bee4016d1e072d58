resource "aws_elasticache_cluster" "this" {
  cluster_id         = "pages"
  engine             = "memcached"
  node_type          = "cache.t4g.small"
  num_cache_nodes    = 1
  subnet_group_name  = "private"
  security_group_ids = ["sg-0a1b2c3d"]
}
