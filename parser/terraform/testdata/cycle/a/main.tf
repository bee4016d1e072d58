module "self" {
  source = "../a"
}
locals {
  a = local.b
  b = local.a
}
resource "aws_s3_bucket" "x" {
  bucket = local.a
}
