import json


def lambda_handler(event, context):
    print("canary example: version 1 answered")
    return {"statusCode": 200, "body": json.dumps("Hi, This is ver 1 Lambda!")}
