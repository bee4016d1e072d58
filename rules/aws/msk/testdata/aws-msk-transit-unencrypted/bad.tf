resource "aws_msk_cluster" "plaintext" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-0a1b2c3d", "subnet-1a2b3c4d", "subnet-2a3b4c5d"]
    security_groups = ["sg-0a1b2c3d"]
  }
  encryption_info {
    encryption_in_transit {
      client_broker = "TLS_PLAINTEXT" # want: aws-msk-transit-unencrypted "plaintext connections from clients"
    }
  }
}

resource "aws_msk_cluster" "in_cluster" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-0a1b2c3d", "subnet-1a2b3c4d", "subnet-2a3b4c5d"]
    security_groups = ["sg-0a1b2c3d"]
  }
  encryption_info {
    encryption_in_transit {
      in_cluster = false # want: aws-msk-transit-unencrypted "between its brokers"
    }
  }
}
