resource "aws_elasticache_security_group" "legacy" { # want: aws-elasticache-classic-security-group "EC2-Classic cache security group"
  name                 = "legacy"
  security_group_names = ["default"]
}

resource "aws_elasticache_cluster" "legacy" {
  cluster_id           = "legacy"
  engine               = "memcached"
  node_type            = "cache.m1.small"
  num_cache_nodes      = 1
  security_group_names = [aws_elasticache_security_group.legacy.name] # want: aws-elasticache-classic-security-group "uses"
}
