# Every AWS service this example uses is answered by Kanaria.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "kanaria_endpoint" {
  description = "Where Kanaria listens (kanaria start)."
  type        = string
  default     = "http://localhost:4566"
}

variable "region" {
  type    = string
  default = "us-east-1"
}

provider "aws" {
  region                      = var.region
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true

  endpoints {
    apigateway = var.kanaria_endpoint
    iam        = var.kanaria_endpoint
    lambda     = var.kanaria_endpoint
    logs       = var.kanaria_endpoint
    sts        = var.kanaria_endpoint
  }
}
