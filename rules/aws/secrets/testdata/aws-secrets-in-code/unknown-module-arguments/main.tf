# A module whose code was not downloaded is given a key from a variable
# without a value: it may be in a tfvars file that was not scanned.
variable "uploader_key" {
  type = string
}

module "uploader" {
  source  = "acme/uploader/aws"
  version = "1.2.0"

  access_key = var.uploader_key # unknown: aws-secrets-in-code
  bucket     = "acme-uploads"
}
