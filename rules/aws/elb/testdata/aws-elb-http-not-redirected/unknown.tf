variable "protocol" {
  type = string
}

resource "aws_lb_listener" "web" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/abcd"
  port              = 80
  protocol          = var.protocol # unknown: aws-elb-http-not-redirected
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/abcd"
  }
}
