package iam

import "testing"

func TestMayMatchPrefix(t *testing.T) {
	tests := []struct {
		pattern string
		want    bool
	}{
		{"s3:GetObject", true},
		{"S3:*", true},
		{"s*", true},
		{"*", true},
		{"s?:Put*", true},
		{"s3", false},
		{"iam:*", false},
		{"sqs:*", false},
		{"s3-object-lambda:*", false},
	}
	for _, tt := range tests {
		if got := mayMatchPrefix(tt.pattern, "s3:"); got != tt.want {
			t.Errorf("mayMatchPrefix(%q, \"s3:\") = %v, want %v", tt.pattern, got, tt.want)
		}
	}
}

func TestNamesEveryObject(t *testing.T) {
	tests := []struct {
		pattern          string
		objects, buckets bool
	}{
		{"*", true, true},
		{"arn:aws:s3:::*", true, true},
		{"arn:*:s3:::*", true, true},
		{"arn:aws-cn:s3:::*/*", true, false},
		{"arn:aws:s3:::*/*", true, false},
		{"arn:aws:s3:::?*/?*", true, false},
		{"arn:aws:s3:::data/*", false, false},
		{"arn:aws:s3:::data-*/*", false, false},
		{"arn:aws:s3:::*/uploads/*", false, false},
		{"arn:aws:s3:::?/*", false, false},
		{"arn:aws:sqs:*", false, false},
	}
	for _, tt := range tests {
		if got := namesEveryObject(tt.pattern); got != tt.objects {
			t.Errorf("namesEveryObject(%q) = %v, want %v", tt.pattern, got, tt.objects)
		}
		if got := namesEveryBucketAndObject(tt.pattern); got != tt.buckets {
			t.Errorf("namesEveryBucketAndObject(%q) = %v, want %v", tt.pattern, got, tt.buckets)
		}
	}
}
