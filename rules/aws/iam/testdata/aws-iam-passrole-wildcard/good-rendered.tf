# A policy rendered from a template: PassRole is limited to a role whose
# ARN is known only after apply, which is never every role.
resource "aws_iam_role" "task" {
  name = "task"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_policy" "pass_task_role" {
  name   = "pass-task-role"
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "${aws_iam_role.task.arn}"}
      ]
    }
  POLICY
}
