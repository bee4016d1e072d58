variable "mutability" {
  type = string
}

resource "aws_ecr_repository" "app" {
  name                 = "app"
  image_tag_mutability = var.mutability # unknown: aws-ecr-tags-mutable
}
