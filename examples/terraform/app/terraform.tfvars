environment = "prod"
vpc_id      = "vpc-0123456789abcdef0"
admin_cidr  = "0.0.0.0/0"

buckets = {
  assets  = { versioning = true }
  uploads = { versioning = false }
}
