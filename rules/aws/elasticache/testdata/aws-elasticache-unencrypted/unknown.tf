variable "engine" {
  type = string
}

resource "aws_elasticache_replication_group" "engine" { # unknown: aws-elasticache-unencrypted
  replication_group_id = "sessions"
  description          = "session cache"
  engine               = var.engine
  node_type            = "cache.t4g.small"
  num_cache_clusters   = 2
}

resource "aws_elasticache_replication_group" "secondary" { # unknown: aws-elasticache-unencrypted "global datastore"
  replication_group_id        = "sessions-eu"
  description                 = "session cache, second region"
  global_replication_group_id = "ldgnf-sessions"
  num_cache_clusters          = 2
}
