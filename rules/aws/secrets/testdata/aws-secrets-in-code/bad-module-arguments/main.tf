# Keys given to a module whose code was not downloaded are written in the
# code all the same.
module "uploader" {
  source  = "acme/uploader/aws"
  version = "1.2.0"

  access_key = "AKIA9C03R4UEXD8GE1HD"                     # want: aws-secrets-in-code
  secret_key = "viaNfrWta57/cLkIFKaEaTopYW5LSQdGrKNB4di4" # want: aws-secrets-in-code
  bucket     = "acme-uploads"
}
