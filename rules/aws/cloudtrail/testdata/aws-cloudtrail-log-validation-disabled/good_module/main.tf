module "trail" {
  source            = "./modules/trail"
  name              = "audit"
  bucket            = "acme-trail-logs"
}
