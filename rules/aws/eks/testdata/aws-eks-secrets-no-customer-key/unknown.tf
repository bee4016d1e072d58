variable "encrypted_resources" {
  type = list(string)
}

resource "aws_eks_cluster" "this" {
  name     = "this"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  }
  encryption_config { # unknown: aws-eks-secrets-no-customer-key
    resources = var.encrypted_resources
    provider {
      key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}
