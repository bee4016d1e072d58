variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "admin_cidr" {
  type        = string
  description = "Where administrators connect from."
}

variable "buckets" {
  type = map(object({
    versioning = bool
  }))
  default = {
    assets = { versioning = true }
  }
}
