# An empty ssl_policy is not sent to AWS (the argument is optional and
# computed), so the listener gets the default policy,
# ELBSecurityPolicy-2016-08, which accepts TLS 1.0.
resource "aws_lb_listener" "empty_policy" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/abcd"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "" # want: aws-elb-tls-policy-outdated
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/abcd"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/abcd"
  }
}
