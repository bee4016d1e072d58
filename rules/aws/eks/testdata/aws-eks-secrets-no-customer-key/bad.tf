resource "aws_eks_cluster" "plain" { # want: aws-eks-secrets-no-customer-key
  name     = "plain"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}
