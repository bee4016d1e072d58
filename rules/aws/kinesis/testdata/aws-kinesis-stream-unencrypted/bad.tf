resource "aws_kinesis_stream" "events" { # want: aws-kinesis-stream-unencrypted
  name        = "events"
  shard_count = 1
}

resource "aws_kinesis_stream" "clicks" {
  name            = "clicks"
  shard_count     = 1
  encryption_type = "NONE" # want: aws-kinesis-stream-unencrypted "not encrypted at rest"
}
