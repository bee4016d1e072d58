resource "aws_lb_listener" "default_policy" { # want: aws-elb-tls-policy-outdated
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/abcd"
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/abcd"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/abcd"
  }
}

resource "aws_lb_listener" "tls11" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/api/abcd"
  port              = 443
  protocol          = "TLS"
  ssl_policy        = "ELBSecurityPolicy-TLS-1-1-2017-01" # want: aws-elb-tls-policy-outdated
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/abcd"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/api/abcd"
  }
}
