resource "aws_eks_cluster" "default" {
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config { # want: aws-eks-endpoint-public
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
}

resource "aws_eks_cluster" "open" {
  name     = "open"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids             = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    endpoint_public_access = true
    public_access_cidrs    = ["0.0.0.0/0"] # want: aws-eks-endpoint-public
  }
}
