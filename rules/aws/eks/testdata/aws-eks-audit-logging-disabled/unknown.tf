variable "log_types" {
  type = list(string)
}

resource "aws_eks_cluster" "this" {
  name                      = "this"
  role_arn                  = "arn:aws:iam::111122223333:role/eks"
  enabled_cluster_log_types = var.log_types # unknown: aws-eks-audit-logging-disabled
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}
