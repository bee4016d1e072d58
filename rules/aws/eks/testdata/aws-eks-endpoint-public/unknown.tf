variable "admin_cidrs" {
  type = list(string)
}

resource "aws_eks_cluster" "this" {
  name     = "this"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids          = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    public_access_cidrs = var.admin_cidrs # unknown: aws-eks-endpoint-public
  }
}
