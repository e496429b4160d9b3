#!/usr/bin/env python3
"""Copy the AWS service models Kanaria speaks from botocore into src/aws/models/.

The models are botocore's `service-2.json` files with their documentation strings removed
(they hold only prose; every HTTP binding, shape, enum, length, pattern and error shape stays).
They are data, never edited by hand: corrections go in src/aws/model-patches.json.
Run: python3 scripts/extract-models.py   (needs botocore, e.g. `pip install botocore`)
"""
import gzip, json, os, sys

import botocore

SERVICES = {
    "apigateway": "2015-07-09",
    "lambda": "2015-03-31",
    "iam": "2010-05-08",
    "sts": "2011-06-15",
    "logs": "2014-03-28",
}
DROP = {"documentation", "documentationUrl", "examples", "deprecatedMessage"}


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in DROP}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def main():
    data = os.path.join(os.path.dirname(botocore.__file__), "data")
    out = os.path.join(os.path.dirname(__file__), "..", "src", "aws", "models")
    os.makedirs(out, exist_ok=True)
    for name, version in SERVICES.items():
        with gzip.open(os.path.join(data, name, version, "service-2.json.gz")) as f:
            model = strip(json.load(f))
        model["metadata"]["x-kanaria-source"] = f"botocore {botocore.__version__} data/{name}/{version}/service-2.json"
        with open(os.path.join(out, f"{name}.json"), "w") as f:
            json.dump(model, f, indent=1, sort_keys=True)
            f.write("\n")
        print(f"{name}: {len(model['operations'])} operations, {len(model['shapes'])} shapes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
