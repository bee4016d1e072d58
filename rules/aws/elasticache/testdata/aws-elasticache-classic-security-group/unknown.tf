variable "classic_groups" {
  type = list(string)
}

resource "aws_elasticache_cluster" "this" {
  cluster_id           = "pages"
  engine               = "memcached"
  node_type            = "cache.t4g.small"
  num_cache_nodes      = 1
  security_group_names = var.classic_groups # unknown: aws-elasticache-classic-security-group
}
