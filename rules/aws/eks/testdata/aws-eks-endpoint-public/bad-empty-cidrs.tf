# An empty public_access_cidrs is not sent to AWS (the argument is optional
# and computed), so EKS applies its default: 0.0.0.0/0.
resource "aws_eks_cluster" "empty" {
  name     = "empty"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids          = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    public_access_cidrs = [] # want: aws-eks-endpoint-public
  }
}
