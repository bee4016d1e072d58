resource "aws_ecr_repository" "app" { # want: aws-ecr-tags-mutable
  name = "app"
}

resource "aws_ecr_repository" "worker" {
  name                 = "worker"
  image_tag_mutability = "MUTABLE" # want: aws-ecr-tags-mutable
}
