# A Gateway Load Balancer listener takes no protocol: it carries GENEVE to
# the appliances, not HTTP.
resource "aws_lb" "inspection" {
  name               = "inspection"
  load_balancer_type = "gateway"
  subnet_mapping {
    subnet_id = "subnet-0a1b2c3d4e5f60718"
  }
}

resource "aws_lb_target_group" "appliances" {
  name     = "appliances"
  port     = 6081
  protocol = "GENEVE"
  vpc_id   = "vpc-0a1b2c3d4e5f60718"
}

resource "aws_lb_listener" "inspection" {
  load_balancer_arn = aws_lb.inspection.id
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.appliances.arn
  }
}
