// The AWS managed policies every account sees (`arn:aws:iam::aws:policy/…`): the ones Lambda,
// API Gateway and CloudWatch Logs setups attach, with their real paths, ids and dates. Sources:
// moto's moto/iam/aws_managed_policies.py (imported from AWS) and the AWS CLI docs' ListPolicies
// example; entries marked `abridged` keep AWS's metadata but a shortened document. Not confirmed
// from a source (written from memory): AWSLambda_FullAccess's PolicyId and dates, and the v3
// UpdateDate of AWSLambdaVPCAccessExecutionRole.

export interface AwsManagedPolicy {
  PolicyName: string;
  Path: string;
  PolicyId: string;
  Description: string;
  CreateDate: string;
  UpdateDate: string;
  DefaultVersionId: string;
  /** The default version's document, compact JSON. */
  Document: string;
  /** True when Document is a shortened form of AWS's (too long to carry whole). */
  abridged?: boolean;
}

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (Action: string | string[], Resource: string | string[] = '*') => ({ Effect: 'Allow', Action, Resource });
const LOG_WRITE = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];

export const AWS_MANAGED_POLICIES: AwsManagedPolicy[] = [
  { PolicyName: 'AWSLambdaBasicExecutionRole', Path: '/service-role/', PolicyId: 'ANPAJNCQGXC42545SKXIK', Description: 'Provides write permissions to CloudWatch Logs.',
    CreateDate: '2015-04-09T15:03:43Z', UpdateDate: '2015-04-09T15:03:43Z', DefaultVersionId: 'v1', Document: doc([allow(LOG_WRITE)]) },
  { PolicyName: 'AWSLambdaVPCAccessExecutionRole', Path: '/service-role/', PolicyId: 'ANPAJVTME3YLVNL72YR2K',
    Description: 'Provides minimum permissions for a Lambda function to execute while accessing a resource within a VPC - create, describe, delete network interfaces and write permissions to CloudWatch Logs. ',
    CreateDate: '2016-02-11T23:15:26Z', UpdateDate: '2024-01-05T22:37:47Z', DefaultVersionId: 'v3',
    Document: doc([{ Sid: 'AWSLambdaVPCAccessExecutionPermissions', ...allow([...LOG_WRITE, 'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses']) }]) },
  { PolicyName: 'AWSLambdaRole', Path: '/service-role/', PolicyId: 'ANPAJX4DPCRGTC4NFDUXI', Description: 'Default policy for AWS Lambda service role.',
    CreateDate: '2015-02-06T18:41:28Z', UpdateDate: '2015-02-06T18:41:28Z', DefaultVersionId: 'v1', Document: doc([allow(['lambda:InvokeFunction'], ['*'])]) },
  { PolicyName: 'AWSLambdaExecute', Path: '/', PolicyId: 'ANPAJE5FX7FQZSU5XAKGO', Description: 'Provides Put, Get access to S3 and full access to CloudWatch Logs.',
    CreateDate: '2015-02-06T18:40:46Z', UpdateDate: '2015-02-06T18:40:46Z', DefaultVersionId: 'v1',
    Document: doc([allow(['logs:*'], 'arn:aws:logs:*:*:*'), allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::*')]) },
  { PolicyName: 'AWSLambdaDynamoDBExecutionRole', Path: '/service-role/', PolicyId: 'ANPAIP7WNAGMIPYNW4WQG', Description: 'Provides list and read access to DynamoDB streams and write permissions to CloudWatch logs.',
    CreateDate: '2015-04-09T15:09:29Z', UpdateDate: '2015-04-09T15:09:29Z', DefaultVersionId: 'v1',
    Document: doc([allow(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams', ...LOG_WRITE])]) },
  { PolicyName: 'AWSLambdaKinesisExecutionRole', Path: '/service-role/', PolicyId: 'ANPAJHOLKJPXV4GBRMJUQ', Description: 'Provides list and read access to Kinesis streams and write permissions to CloudWatch logs.',
    CreateDate: '2015-04-09T15:14:16Z', UpdateDate: '2015-04-09T15:14:16Z', DefaultVersionId: 'v1',
    Document: doc([allow(['kinesis:DescribeStream', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListStreams', ...LOG_WRITE])]) },
  { PolicyName: 'AWSLambda_FullAccess', Path: '/', PolicyId: 'ANPAZKAPJZG4BWJ5WUQXL', Description: 'Grants full access to AWS Lambda service, AWS Lambda console features, and other related AWS services.',
    CreateDate: '2020-11-23T20:03:59Z', UpdateDate: '2020-11-23T20:03:59Z', DefaultVersionId: 'v1', abridged: true,
    Document: doc([allow(['cloudformation:DescribeStacks', 'cloudwatch:ListMetrics', 'cloudwatch:GetMetricData', 'ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs', 'iam:GetRole', 'iam:ListAttachedRolePolicies', 'iam:ListRolePolicies', 'iam:ListRoles', 'lambda:*', 'logs:DescribeLogGroups', 'states:DescribeStateMachine', 'states:ListStateMachines', 'tag:GetResources', 'xray:GetTraceSummaries', 'xray:BatchGetTraces']),
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } },
      allow(['logs:DescribeLogStreams', 'logs:GetLogEvents', 'logs:FilterLogEvents'], 'arn:aws:logs:*:*:log-group:/aws/lambda/*')]) },
  { PolicyName: 'AmazonAPIGatewayPushToCloudWatchLogs', Path: '/service-role/', PolicyId: 'ANPAIK4GFO7HLKYN64ASK', Description: 'Allows API Gateway to push logs to user\'s account.',
    CreateDate: '2015-11-11T23:41:46Z', UpdateDate: '2015-11-11T23:41:46Z', DefaultVersionId: 'v1',
    Document: doc([allow(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:PutLogEvents', 'logs:GetLogEvents', 'logs:FilterLogEvents'])]) },
  { PolicyName: 'AmazonAPIGatewayAdministrator', Path: '/', PolicyId: 'ANPAJ4PT6VY5NLKTNUYSI', Description: 'Provides full access to create/edit/delete APIs in Amazon API Gateway via the AWS Management Console.',
    CreateDate: '2015-07-09T17:34:45Z', UpdateDate: '2015-07-09T17:34:45Z', DefaultVersionId: 'v1', Document: doc([allow(['apigateway:*'], 'arn:aws:apigateway:*::/*')]) },
  { PolicyName: 'AmazonAPIGatewayInvokeFullAccess', Path: '/', PolicyId: 'ANPAIIWAX2NOOQJ4AIEQ6', Description: 'Provides full access to invoke APIs in Amazon API Gateway.',
    CreateDate: '2015-07-09T17:36:12Z', UpdateDate: '2015-07-09T17:36:12Z', DefaultVersionId: 'v1', Document: doc([allow(['execute-api:Invoke'], 'arn:aws:execute-api:*:*:*')]) },
  { PolicyName: 'CloudWatchLogsFullAccess', Path: '/', PolicyId: 'ANPAJ3ZGNWK2R5HW5BQFO', Description: 'Provides full access to CloudWatch Logs',
    CreateDate: '2015-02-06T18:40:35Z', UpdateDate: '2015-02-06T18:40:35Z', DefaultVersionId: 'v1', Document: doc([allow(['logs:*'])]) },
  { PolicyName: 'AdministratorAccess', Path: '/', PolicyId: 'ANPAIWMBCKSKIEE64ZLYK', Description: 'Provides full access to AWS services and resources.',
    CreateDate: '2015-02-06T18:39:46Z', UpdateDate: '2015-02-06T18:39:46Z', DefaultVersionId: 'v1', Document: doc([allow('*')]) },
  { PolicyName: 'PowerUserAccess', Path: '/', PolicyId: 'ANPAJYRXTHIB4FOVS3ZXS', Description: 'Provides full access to AWS services and resources, but does not allow management of Users and groups.',
    CreateDate: '2015-02-06T18:39:47Z', UpdateDate: '2023-07-06T22:04:00Z', DefaultVersionId: 'v5',
    Document: doc([{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      allow(['iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization', 'account:ListRegions', 'account:GetAccountInformation'])]) },
  { PolicyName: 'ReadOnlyAccess', Path: '/', PolicyId: 'ANPAILL3HVNFSB6DCOWYQ', Description: 'Provides read-only access to AWS services and resources.',
    CreateDate: '2015-02-06T18:39:48Z', UpdateDate: '2015-02-06T18:39:48Z', DefaultVersionId: 'v1', abridged: true,
    Document: doc([allow(['apigateway:GET', 'cloudwatch:Describe*', 'cloudwatch:Get*', 'cloudwatch:List*', 'iam:Get*', 'iam:List*', 'lambda:Get*', 'lambda:List*', 'logs:Describe*', 'logs:Get*', 'logs:FilterLogEvents', 'logs:ListTagsForResource', 'logs:ListTagsLogGroup', 's3:Get*', 's3:List*'])]) },
];

export const awsManagedPolicyArn = (p: AwsManagedPolicy) => `arn:aws:iam::aws:policy${p.Path}${p.PolicyName}`;

export function findAwsManagedPolicy(arn: string): AwsManagedPolicy | undefined {
  return AWS_MANAGED_POLICIES.find((p) => awsManagedPolicyArn(p) === arn);
}
