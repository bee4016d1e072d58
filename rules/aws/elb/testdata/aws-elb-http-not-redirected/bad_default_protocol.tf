# An Application Load Balancer listener without protocol or certificate
# listens on HTTP.
resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]
}

resource "aws_lb_listener" "web" { # want: aws-elb-http-not-redirected
  load_balancer_arn = aws_lb.web.arn
  port              = 80
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/abcd"
  }
}
