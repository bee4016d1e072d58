# A managed node group with an SSH key and no source security groups: EKS
# creates a security group that opens port 22 to 0.0.0.0/0.
resource "aws_eks_node_group" "workers" {
  cluster_name    = "prod"
  node_group_name = "workers"
  node_role_arn   = "arn:aws:iam::111122223333:role/eks-nodes"
  subnet_ids      = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]

  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }

  remote_access { # want: aws-ec2-open-ingress
    ec2_ssh_key = "ops"
  }
}
