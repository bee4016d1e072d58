resource "aws_ecr_repository" "app" {
  name                 = "app"
  image_tag_mutability = "IMMUTABLE"
}

resource "aws_ecr_repository_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "PullFromOrganisation"
        Effect    = "Allow"
        Principal = "*"
        Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
        Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
      },
      {
        Sid       = "PushFromCI"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:role/ci" }
        Action    = ["ecr:PutImage", "ecr:UploadLayerPart"]
      },
      {
        # A deny for everyone restricts; it grants nothing.
        Sid       = "DenyDelete"
        Effect    = "Deny"
        Principal = "*"
        Action    = "ecr:BatchDeleteImage"
      },
    ]
  })
}
