# Whether the node group gets an SSH key depends on a variable without a
# value.
variable "ssh_key" {
  type = string
}

resource "aws_eks_node_group" "workers" {
  cluster_name    = "prod"
  node_group_name = "workers"
  node_role_arn   = "arn:aws:iam::111122223333:role/eks-nodes"
  subnet_ids      = ["subnet-0a1b2c3d"]

  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }

  remote_access { # unknown: aws-ec2-open-ingress
    ec2_ssh_key = var.ssh_key
  }
}
