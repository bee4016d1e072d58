variable "ssl_policy" {
  type = string
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/abcd"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy # unknown: aws-elb-tls-policy-outdated
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/abcd"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/abcd"
  }
}
