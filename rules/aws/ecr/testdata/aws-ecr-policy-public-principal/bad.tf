resource "aws_ecr_repository" "app" {
  name                 = "app"
  image_tag_mutability = "IMMUTABLE"
}

resource "aws_ecr_repository_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PullFromAnywhere"
      Effect    = "Allow"
      Principal = "*" # want: aws-ecr-policy-public-principal "repository policy of aws_ecr_repository_policy.app allows everyone"
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}

data "aws_iam_policy_document" "push" {
  statement {
    actions = ["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    # Requiring TLS does not say who.
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["true"]
    }
  }
}

resource "aws_ecr_repository" "tools" {
  name                 = "tools"
  image_tag_mutability = "IMMUTABLE"
}

resource "aws_ecr_repository_policy" "tools" {
  repository = aws_ecr_repository.tools.name
  policy     = data.aws_iam_policy_document.push.json # want: aws-ecr-policy-public-principal
}
