module "web" {
  source = "./modules/web"
}
