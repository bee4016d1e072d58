variable "puller" {
  type = string
}

variable "policy" {
  type = string
}

resource "aws_ecr_repository" "app" {
  name                 = "app"
  image_tag_mutability = "IMMUTABLE"
}

resource "aws_ecr_repository_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = var.puller } # unknown: aws-ecr-policy-public-principal
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}

resource "aws_ecr_repository" "tools" {
  name                 = "tools"
  image_tag_mutability = "IMMUTABLE"
}

resource "aws_ecr_repository_policy" "tools" {
  repository = aws_ecr_repository.tools.name
  policy     = var.policy # unknown: aws-ecr-policy-public-principal
}
