# A REST API whose root GET calls the Lambda function named by the stage variable
# `lambda_function_name`; the `dev` stage names v1 and its canary overrides it with v2.

variable "percent_traffic" {
  description = "Share of dev's requests that go to the canary (0.0 to 100.0)."
  type        = number
  default     = 10
}

data "aws_caller_identity" "me" {}

resource "aws_api_gateway_rest_api" "api" {
  name        = "kanaria-canary-example"
  description = "Root GET routed to a Lambda function chosen by a stage variable"
}

resource "aws_api_gateway_method" "root_get" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_rest_api.api.root_resource_id
  http_method   = "GET"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "root_get" {
  rest_api_id             = aws_api_gateway_rest_api.api.id
  resource_id             = aws_api_gateway_rest_api.api.root_resource_id
  http_method             = aws_api_gateway_method.root_get.http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  # The stage variable may only stand for the function NAME inside a full function ARN:
  # ".../functions/$${stageVariables.x}/invocations" is refused with "Invalid lambda function".
  uri = "arn:aws:apigateway:${var.region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${var.region}:${data.aws_caller_identity.me.account_id}:function:$${stageVariables.lambda_function_name}/invocations"
}

# Two deployments of the same API: one for the stage, one for its canary. The triggers replace
# them whenever the integration changes, which is also how a drifting GetIntegration would show.
resource "aws_api_gateway_deployment" "base" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  triggers = {
    integration = sha1(jsonencode(aws_api_gateway_integration.root_get))
  }
  lifecycle {
    create_before_destroy = true
  }
  depends_on = [aws_api_gateway_integration.root_get, aws_lambda_permission.from_api]
}

resource "aws_api_gateway_deployment" "canary" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  triggers = {
    integration = "${sha1(jsonencode(aws_api_gateway_integration.root_get))}-canary"
  }
  lifecycle {
    create_before_destroy = true
  }
  depends_on = [aws_api_gateway_integration.root_get, aws_lambda_permission.from_api]
}

resource "aws_api_gateway_stage" "dev" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  stage_name    = "dev"
  deployment_id = aws_api_gateway_deployment.base.id
  variables = {
    lambda_function_name = aws_lambda_function.version["v1"].function_name
  }
  canary_settings {
    deployment_id   = aws_api_gateway_deployment.canary.id
    percent_traffic = var.percent_traffic
    stage_variable_overrides = {
      lambda_function_name = aws_lambda_function.version["v2"].function_name
    }
  }
}

output "invoke_url" {
  description = "The dev stage on Kanaria (path style; host style: http://<api-id>.execute-api.localhost:4566/dev/)."
  value       = "${var.kanaria_endpoint}/_aws/execute-api/${aws_api_gateway_rest_api.api.id}/${aws_api_gateway_stage.dev.stage_name}/"
}

output "rest_api_id" {
  value = aws_api_gateway_rest_api.api.id
}
