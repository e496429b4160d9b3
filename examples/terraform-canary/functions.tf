# Two Python functions, "ver 1" and "ver 2", and the role they run as.
# The zips are made by build_zips.py (the hashicorp/archive provider is not needed).

resource "aws_iam_role" "lambda_exec" {
  name = "KanariaCanaryLambdaRole"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "basic_logs" {
  role       = aws_iam_role.lambda_exec.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

locals {
  functions = {
    v1 = { name = "canary_demo_v1", module = "lambda_function_v1" }
    v2 = { name = "canary_demo_v2", module = "lambda_function_v2" }
  }
}

resource "aws_lambda_function" "version" {
  for_each = local.functions

  function_name    = each.value.name
  filename         = "${path.module}/build/${each.value.module}.zip"
  source_code_hash = filebase64sha256("${path.module}/build/${each.value.module}.zip")
  handler          = "${each.value.module}.lambda_handler"
  runtime          = "python3.12"
  role             = aws_iam_role.lambda_exec.arn
  memory_size      = 128
  timeout          = 5
}

# API Gateway may call each function from any stage, method and path of this API.
resource "aws_lambda_permission" "from_api" {
  for_each = local.functions

  statement_id  = "AllowInvokeFromCanaryApi-${each.key}"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.version[each.key].function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.api.execution_arn}/*"
}
