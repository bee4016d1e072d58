resource "aws_security_group" "app" {
  name        = "app"
  description = "Application servers: HTTPS from the load balancer"
  vpc_id      = "vpc-0a1b2c3d"
}

# The default group's description is AWS's.
resource "aws_default_security_group" "default" {
  vpc_id = "vpc-0a1b2c3d"
}
